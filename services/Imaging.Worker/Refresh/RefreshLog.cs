using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Refresh;

/// <summary>Log messages of the prior refresh (event ids 340-349).</summary>
internal static partial class RefreshLog
{
    [LoggerMessage(EventId = 340, Level = LogLevel.Information,
        Message = "Series {SeriesInstanceUid} reopened (ready version {ReadyVersion}): its comparison should use the findings of series {PriorSeriesInstanceUid}, not {UsedPriorStudyInstanceUid}")]
    public static partial void Reopened(ILogger logger, string seriesInstanceUid, int readyVersion, string priorSeriesInstanceUid, string usedPriorStudyInstanceUid);

    [LoggerMessage(EventId = 341, Level = LogLevel.Debug,
        Message = "Series {SeriesInstanceUid} not reopened: it is no longer ready at version {ReadyVersion} (pending, or reopened already)")]
    public static partial void NotReopened(ILogger logger, string seriesInstanceUid, int readyVersion);
}
