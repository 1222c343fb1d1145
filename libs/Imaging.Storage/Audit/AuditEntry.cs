namespace Imaging.Storage;

/// <summary>One access to the API or DICOMweb: who, from where, what was asked for and how it ended.</summary>
/// <param name="Id">The store's sequence number; 0 for an entry not yet written.</param>
/// <param name="At">When the request arrived.</param>
/// <param name="UserName">The authenticated user; null when authentication failed or none was presented.</param>
/// <param name="Role">The user's roles (comma-separated), or null.</param>
/// <param name="AuthMethod">The scheme that authenticated the user or, when it failed, the one tried (e.g. <c>ApiKey</c>, <c>Jwt</c>, <c>Local</c>).</param>
/// <param name="RemoteAddress">The client's IP address; null for an in-process client.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">Path and query string, with secret-looking parameters masked.</param>
/// <param name="PatientId">The patient the request named (route or query), if any.</param>
/// <param name="StudyInstanceUid">The study the request named, if any.</param>
/// <param name="SeriesInstanceUid">The series the request named, if any.</param>
/// <param name="SopInstanceUid">The instance the request named, if any.</param>
/// <param name="StatusCode">The HTTP status code of the answer.</param>
/// <param name="Duration">How long the request took.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string? UserName,
    string? Role,
    string? AuthMethod,
    string? RemoteAddress,
    string Method,
    string Target,
    string? PatientId,
    string? StudyInstanceUid,
    string? SeriesInstanceUid,
    string? SopInstanceUid,
    int StatusCode,
    TimeSpan Duration);
