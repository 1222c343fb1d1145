namespace Imaging.Dicom.Network;

/// <summary>How much a network log entry matters.</summary>
public enum DicomNetworkLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}
