using Imaging.Storage;

namespace Imaging.Api.Security;

/// <summary>One audit entry as JSON (duration in milliseconds).</summary>
public sealed record AuditItem(long Id, DateTimeOffset At, string? User, string? Role, string? AuthMethod, string? RemoteAddress, string Method,
    string Target, string? PatientId, string? StudyInstanceUid, string? SeriesInstanceUid, string? SopInstanceUid, int Status, double DurationMs)
{
    public static AuditItem From(AuditEntry entry) =>
        new(entry.Id, entry.At, entry.UserName, entry.Role, entry.AuthMethod, entry.RemoteAddress, entry.Method, entry.Target, entry.PatientId,
            entry.StudyInstanceUid, entry.SeriesInstanceUid, entry.SopInstanceUid, entry.StatusCode, Math.Round(entry.Duration.TotalMilliseconds, 3));
}
