namespace Imaging.Api.Security;

/// <summary>The body of <c>GET /auth/me</c>: who the caller is and what the UI may offer them.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Roles">The roles held.</param>
/// <param name="AuthMethod">The scheme that authenticated the caller.</param>
/// <param name="Clinical">May see identifying patient data (the Clinical policy).</param>
/// <param name="Research">May use the de-identified research endpoints.</param>
/// <param name="Admin">May read the audit log and settings.</param>
/// <param name="Message">What the UI should show when identifying data is off limits; null otherwise.</param>
public sealed record CurrentUserResponse(string Name, IReadOnlyList<string> Roles, string? AuthMethod, bool Clinical, bool Research, bool Admin,
    string? Message);
