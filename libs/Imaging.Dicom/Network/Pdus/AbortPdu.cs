namespace Imaging.Dicom.Network;

/// <summary>A-ABORT: ends an association at once, from either side (PS3.8 9.3.8).</summary>
/// <param name="Reason">Only significant when <paramref name="Source"/> is the service provider.</param>
public sealed record AbortPdu(AbortSource Source, AbortReason Reason) : Pdu
{
    public override PduType Type => PduType.Abort;

    /// <summary>An abort by the application itself, which carries no reason.</summary>
    public static AbortPdu ByServiceUser { get; } = new(AbortSource.ServiceUser, AbortReason.NotSpecified);
}
