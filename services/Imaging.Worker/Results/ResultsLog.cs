using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Results;

/// <summary>The results sender's log events (source-generated).</summary>
internal static partial class ResultsLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Series {SeriesInstanceUid}: {Analyzer} findings not sent: no Worker:Results:Destination configured")]
    public static partial void NotConfigured(ILogger logger, string seriesInstanceUid, string analyzer);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Series {SeriesInstanceUid}: {Analyzer} {AnalyzerVersion} ready version {ReadyVersion}: nothing sent ({Reason})")]
    public static partial void Skipped(ILogger logger, string seriesInstanceUid, string analyzer, string analyzerVersion, int readyVersion, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Series {SeriesInstanceUid}: {Analyzer} {AnalyzerVersion} results cannot be built; not retried")]
    public static partial void NotBuildable(ILogger logger, Exception exception, string seriesInstanceUid, string analyzer, string analyzerVersion);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Series {SeriesInstanceUid}: {Analyzer} results sent to {CalledAe}@{Host}:{Port}: {Stored} of {Offered} stored")]
    public static partial void Sent(ILogger logger, string seriesInstanceUid, string analyzer, string calledAe, string host, int port, int stored, int offered);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error,
        Message = "Series {SeriesInstanceUid}: {CalledAe}@{Host}:{Port} refused {SopInstanceUid}: {Status}; not retried")]
    public static partial void Refused(ILogger logger, string seriesInstanceUid, string calledAe, string host, int port, string sopInstanceUid, string status);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Series {SeriesInstanceUid}: source instance {SopInstanceUid} not readable for the results: {Problem}")]
    public static partial void SourceUnreadable(ILogger logger, string seriesInstanceUid, string sopInstanceUid, string problem);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error,
        Message = "Series {SeriesInstanceUid}: {CalledAe}@{Host}:{Port} rejected the association permanently ({Rejection}); not retried")]
    public static partial void RejectedPermanently(ILogger logger, string seriesInstanceUid, string calledAe, string host, int port, string rejection);
}
