namespace Imaging.Api.Security;

/// <summary>Names of the authentication schemes; they are also what the audit log records as the method.</summary>
public static class ImagingAuthSchemes
{
    /// <summary>The default scheme: forwards each request to one of the others (see <see cref="CredentialSelector"/>).</summary>
    public const string Default = "Imaging";

    /// <summary>A configured API key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>A JWT in <c>Authorization: Bearer</c>, checked against a configured key (no metadata fetch).</summary>
    public const string Jwt = "Jwt";

    /// <summary>Loopback-only embedded mode without any configured credential: every request is the local user.</summary>
    public const string Local = "Local";
}
