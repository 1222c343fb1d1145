using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Serve;

/// <summary>Structured log events of `imaging serve`.</summary>
internal static partial class ServeLog
{
    public const string Category = "Imaging.Cli.Serve";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "imaging {Version} started: role {Role}, data folder {DataDirectory} ({DataFreeBytes} bytes free), health on {HealthUrl}, index {Index}, bus {Bus}, DICOM AE title {AeTitle} on {DicomEndPoint}, DICOM TLS on {TlsEndPoint}")]
    public static partial void Started(ILogger logger, string version, string role, string dataDirectory, long? dataFreeBytes, string healthUrl, string index,
        string bus, string aeTitle, string dicomEndPoint, string tlsEndPoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "imaging stopped")]
    public static partial void Stopped(ILogger logger);
}
