using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Priors;

/// <summary>Prior retrieval's log messages (event ids 260-279).</summary>
internal static partial class PriorsLog
{
    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "Priors: look-up requested for study {StudyInstanceUid}")]
    public static partial void Requested(ILogger logger, string studyInstanceUid);

    [LoggerMessage(EventId = 261, Level = LogLevel.Information,
        Message = "Priors: source {Source} reported {Matches} studies for the patient of study {StudyInstanceUid} (window {Window})")]
    public static partial void Queried(ILogger logger, string source, int matches, string studyInstanceUid, string window);

    [LoggerMessage(EventId = 262, Level = LogLevel.Information, Message = "Priors: study {PriorStudyInstanceUid} from {Source}: {Outcome}")]
    public static partial void Decided(ILogger logger, string priorStudyInstanceUid, string source, PriorPlanOutcome outcome);

    [LoggerMessage(EventId = 263, Level = LogLevel.Information,
        Message = "Priors: study {PriorStudyInstanceUid} moved from {Source} to {Destination}: {Completed} completed, {Failed} failed, {Warning} warning, status 0x{Status:X4} in {Seconds:F1} s")]
    public static partial void Moved(ILogger logger, string priorStudyInstanceUid, string source, string destination, int completed, int failed, int warning,
        ushort status, double seconds);

    [LoggerMessage(EventId = 264, Level = LogLevel.Warning,
        Message = "Priors: {Kind} of study {StudyInstanceUid} failed (attempt {Attempt}); {Next}")]
    public static partial void AttemptFailed(ILogger logger, Exception? exception, string kind, string studyInstanceUid, int attempt, string next);

    [LoggerMessage(EventId = 265, Level = LogLevel.Warning, Message = "Priors: a database call failed; backing off")]
    public static partial void DatabaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 266, Level = LogLevel.Warning,
        Message = "Priors: source {Source} sent more than {Maximum} matches for study {StudyInstanceUid}; the rest were cancelled")]
    public static partial void TooManyMatches(ILogger logger, string source, int maximum, string studyInstanceUid);

    [LoggerMessage(EventId = 267, Level = LogLevel.Information, Message = "Priors: retrieval stopped")]
    public static partial void Stopped(ILogger logger);
}
