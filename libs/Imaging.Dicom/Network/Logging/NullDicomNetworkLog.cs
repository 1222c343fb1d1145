namespace Imaging.Dicom.Network;

/// <summary>A log that discards everything: the default when the host gives none.</summary>
public sealed class NullDicomNetworkLog : IDicomNetworkLog
{
    public static NullDicomNetworkLog Instance { get; } = new();

    public void Write(DicomNetworkLogLevel level, string message, Exception? exception = null)
    {
    }
}
