namespace Imaging.Dicom.Network;

/// <summary>The peer broke the upper layer protocol; the association must be aborted with <see cref="AbortReason"/>.</summary>
public sealed class DicomNetworkProtocolException(string reason, AbortReason abortReason, Exception? inner = null)
    : Exception(reason, inner)
{
    /// <summary>The reason code to put in the A-ABORT sent to the peer (PS3.8 9.3.8).</summary>
    public AbortReason AbortReason { get; } = abortReason;

    /// <summary>The A-ABORT to send: the protocol machine (service provider) detected the error.</summary>
    public AbortPdu ToAbortPdu() => new(AbortSource.ServiceProvider, AbortReason);
}
