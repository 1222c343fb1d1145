using Imaging.Dicom.Network;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway;

/// <summary>Forwards the toolkit's network log to an <see cref="ILogger"/>, tagged with the listener it came from.</summary>
internal sealed partial class DicomNetworkLogAdapter(ILogger logger, string listener) : IDicomNetworkLog
{
    public void Write(DicomNetworkLogLevel level, string message, Exception? exception = null)
    {
        var logLevel = level switch
        {
            DicomNetworkLogLevel.Debug => LogLevel.Debug,
            DicomNetworkLogLevel.Information => LogLevel.Information,
            DicomNetworkLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        // Expected network trouble (peers closing, timeouts) is logged with the message only: a stack trace per
        // misbehaving modality would bury the log; real errors keep theirs.
        Log(logger, logLevel, level == DicomNetworkLogLevel.Error ? exception : null, listener, message);
    }

    [LoggerMessage(EventId = 100, Message = "{Listener}: {NetworkEvent}")]
    private static partial void Log(ILogger logger, LogLevel level, Exception? exception, string listener, string networkEvent);
}
