namespace Imaging.Dicom.Network;

/// <summary>Where the network layer reports associations, rejections and protocol errors.</summary>
/// <remarks>The toolkit references no packages, and Microsoft.Extensions.Logging is not part of the base shared
/// framework; a host adapts this one-method interface to its ILogger.</remarks>
public interface IDicomNetworkLog
{
    void Write(DicomNetworkLogLevel level, string message, Exception? exception = null);
}
