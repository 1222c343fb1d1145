using Microsoft.Extensions.Logging;

namespace Imaging.Api.Security;

/// <summary>Structured log events of authentication and the audit log; none carries a credential.</summary>
internal static partial class SecurityLog
{
    public const string AccessCategory = "Imaging.Audit";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "access {Method} {Target} by {User} (role {Role}, {AuthMethod}) from {RemoteAddress}: {StatusCode} in {DurationMs} ms; patient {PatientId} study {StudyInstanceUid} series {SeriesInstanceUid} instance {SopInstanceUid}")]
    public static partial void Access(ILogger logger, string method, string target, string? user, string? role, string? authMethod, string? remoteAddress,
        int statusCode, double durationMs, string? patientId, string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "authentication: local mode, HTTP binds loopback only and no API key or JWT is configured: every request is user 'local' with role {Role}")]
    public static partial void LocalMode(ILogger logger, string role);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "authentication: {ApiKeyCount} API key(s), JWT {Jwt}")]
    public static partial void Configured(ILogger logger, int apiKeyCount, string jwt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "audit: writing {Count} entries failed (attempt {Attempt}), retrying in {DelayMs} ms: {Reason}")]
    public static partial void WriteFailed(ILogger logger, int count, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical,
        Message = "audit: entry for {Method} {Target} by {User} at {At:o} ({StatusCode}) could not be written to the audit log: {Reason}")]
    public static partial void EntryLost(ILogger logger, string method, string target, string? user, DateTimeOffset at, int statusCode, string reason);
}
