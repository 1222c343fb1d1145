using Microsoft.Extensions.Logging;

namespace Imaging.Worker;

/// <summary>The worker's log events (source-generated: no formatting cost when the level is off).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Series {SeriesInstanceUid} ready version {ReadyVersion}: {InstanceCount} instances read, {ProblemCount} problems, classified {Kind} ({Reason})")]
    public static partial void SeriesRead(ILogger logger, string seriesInstanceUid, int readyVersion, int instanceCount, int problemCount, string kind, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Series {SeriesInstanceUid}: {Instance} {Code}: {Problem}")]
    public static partial void InstanceProblem(ILogger logger, string seriesInstanceUid, string instance, string code, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Series {SeriesInstanceUid}: {Analyzer} {AnalyzerVersion} findings stored for ready version {ReadyVersion}")]
    public static partial void FindingsStored(ILogger logger, string seriesInstanceUid, string analyzer, string analyzerVersion, int readyVersion);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Series {SeriesInstanceUid}: {Analyzer} {AnalyzerVersion} findings for ready version {ReadyVersion} were already stored (redelivery)")]
    public static partial void FindingsAlreadyStored(ILogger logger, string seriesInstanceUid, string analyzer, string analyzerVersion, int readyVersion);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Series {SeriesInstanceUid}: analyzer {Analyzer} {AnalyzerVersion} failed")]
    public static partial void AnalyzerFailed(ILogger logger, Exception exception, string seriesInstanceUid, string analyzer, string analyzerVersion);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Series {SeriesInstanceUid} is ready but the index lists no instance of it; nothing to analyse")]
    public static partial void SeriesEmpty(ILogger logger, string seriesInstanceUid);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "SeriesReady with an invalid series or study UID ignored: series '{SeriesInstanceUid}', study '{StudyInstanceUid}'")]
    public static partial void InvalidMessage(ILogger logger, string seriesInstanceUid, string studyInstanceUid);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "SEG series {SegSeriesInstanceUid} was waiting for its images; series {ImageSeriesInstanceUid} is ready: analysing it again as ready version {ReadyVersion}")]
    public static partial void SegReplay(ILogger logger, string segSeriesInstanceUid, string imageSeriesInstanceUid, int readyVersion);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "SEG series {SegSeriesInstanceUid} reopened as ready version {ReadyVersion}; its SeriesReady is in the outbox")]
    public static partial void SegReopened(ILogger logger, string segSeriesInstanceUid, int readyVersion);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "SEG series {SegSeriesInstanceUid} not reopened: it is no longer ready at version {ExpectedReadyVersion} (already reopened, pending or unknown)")]
    public static partial void SegNotReopened(ILogger logger, string segSeriesInstanceUid, int expectedReadyVersion);
}
