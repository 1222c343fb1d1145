using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Demo;

/// <summary>Structured log events of the demo seeding: the progress lines a newcomer reads on the console.</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "demo: patient {PatientId} is already in the data folder ({StudyCount} studies), not seeding again; open {UiUrl} and search for that patient ID")]
    public static partial void AlreadySeeded(ILogger logger, string patientId, int studyCount, string uiUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "demo: generating patient {PatientId} ({PatientName}, seed {Seed}): whole-body bone scans and T4-L2 spine CTs, baseline {BaselineDate} and follow-up {FollowUpDate}")]
    public static partial void Generating(ILogger logger, string patientId, string patientName, long seed, string baselineDate, string followUpDate);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "demo: {Timepoint} generated, {InstanceCount} instances ({ElapsedMs} ms since the start)")]
    public static partial void Generated(ILogger logger, string timepoint, int instanceCount, long elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "demo: {Timepoint} sent as {CallingAeTitle} to {CalledAeTitle} at {EndPoint}: {StoredCount} of {InstanceCount} instances stored in {ElapsedMs} ms; waiting for its analysis")]
    public static partial void Sent(ILogger logger, string timepoint, string callingAeTitle, string calledAeTitle, string endPoint, int storedCount, int instanceCount, long elapsedMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "demo: {Timepoint} instance {Instance} was not stored: {Reason}")]
    public static partial void NotStored(ILogger logger, string timepoint, string instance, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "demo: {Timepoint} bone scan analysed: {LesionCount} lesions; compared with the prior: {NewCount} new, {PersistentCount} persistent, {ResolvedCount} resolved")]
    public static partial void BoneScanAnalysed(ILogger logger, string timepoint, int lesionCount, string newCount, string persistentCount, string resolvedCount);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information,
        Message = "demo: {Timepoint} spine CT analysed: flagged levels {FlaggedLevels}, cement at {CementLevels}; compared with the prior: new fractures {NewFractureLevels}, cement added {CementAddedLevels}")]
    public static partial void SpineAnalysed(ILogger logger, string timepoint, string flaggedLevels, string cementLevels, string newFractureLevels, string cementAddedLevels);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "demo: ready after {ElapsedSeconds} s. Open {UiUrl}, search {PatientId}, open the comparison of the two timepoints: the bone scans side by side with lesions marked new / persistent / resolved and the per-region table; the spine levels table (T7 cement, T10 new fracture) with the sagittal key image")]
    public static partial void Ready(ILogger logger, double elapsedSeconds, string uiUrl, string patientId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error,
        Message = "demo: seeding patient {PatientId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, Exception exception, string patientId, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "demo: results (SR, key images) go to this service's own SCP {CalledAeTitle} on 127.0.0.1:{Port} as {CallingAeTitle}")]
    public static partial void ResultsToOwnScp(ILogger logger, string calledAeTitle, int port, string callingAeTitle);
}
