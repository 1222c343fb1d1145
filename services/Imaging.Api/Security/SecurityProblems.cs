using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>401 and 403 as RFC 7807 problem details (the <c>ApiProblems</c> style), with the RFC 6750 <c>WWW-Authenticate</c>.</summary>
internal static class SecurityProblems
{
    private const string Realm = "imaging";

    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        var failure = AuthenticationAttempt.Failure(context);
        // RFC 6750 §3: error="invalid_token" only when a credential was presented; the description is one of our fixed phrases.
        context.Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{failure}\"";
        var detail = failure is null
            ? $"This route needs credentials: an API key (Authorization: Bearer KEY or {ApiKeyAuthenticationHandler.HeaderName}: KEY) or a JWT (Authorization: Bearer JWT)."
            : $"The credentials were refused: {failure}.";
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.2").ExecuteAsync(context);
    }

    public static Task WriteForbiddenAsync(HttpContext context, IReadOnlyList<string> policies)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\"";
        var user = context.User;
        var roles = Roles(user);
        var needed = policies.Where(ImagingPolicies.Roles.ContainsKey)
            .Select(p => $"{p} ({string.Join(", ", ImagingPolicies.Roles[p])})").ToList();
        var detail = $"User '{user.Identity?.Name}' with role {(roles.Length == 0 ? "(none)" : string.Join(", ", roles))} may not use this route"
            + (needed.Count == 0 ? "." : $": it needs the policy {string.Join(" and ", needed)}.");
        if (user.IsInRole(ImagingRoles.Researcher) && !user.IsInRole(ImagingRoles.Radiologist) && !user.IsInRole(ImagingRoles.Admin))
            detail += " Researchers never see identifying patient data; the de-identified data is under /api/research.";
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.4").ExecuteAsync(context);
    }

    /// <summary>The role claims of the user's identities (each identity's own role claim type).</summary>
    public static string[] Roles(ClaimsPrincipal user) =>
        [.. user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct(StringComparer.Ordinal)];
}
