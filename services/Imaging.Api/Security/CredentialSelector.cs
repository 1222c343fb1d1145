using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>Picks the scheme for a request: the local user in local mode; JWT when the bearer token has a JWT's shape and JWT
/// is configured; the API key handler otherwise (which also answers "no credentials").</summary>
internal sealed class CredentialSelector(bool localMode, bool jwtConfigured)
{
    public string Select(HttpContext context)
    {
        var scheme = localMode ? ImagingAuthSchemes.Local
            : jwtConfigured && BearerToken(context.Request) is { } token && LooksLikeJwt(token) ? ImagingAuthSchemes.Jwt
            : ImagingAuthSchemes.ApiKey;
        AuthenticationAttempt.SetScheme(context, scheme);
        return scheme;
    }

    /// <summary>The token of a single <c>Authorization: Bearer</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1) return null;
        var value = values[0];
        const string Prefix = "Bearer ";
        return value is not null && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? value[Prefix.Length..].Trim() : null;
    }

    /// <summary>A compact JWS: three base64url parts, the header a JSON object (so it starts with <c>eyJ</c>, base64 of <c>{"</c>).
    /// API keys we issue never have that shape.</summary>
    public static bool LooksLikeJwt(string token)
    {
        if (!token.StartsWith("eyJ", StringComparison.Ordinal)) return false;
        var dots = 0;
        foreach (var c in token)
        {
            if (c == '.') dots++;
            else if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        }
        return dots == 2;
    }
}
