using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>What authentication tried on this request and why it failed, kept in <see cref="HttpContext.Items"/> for the 401
/// answer and the audit log (the framework keeps neither for a failure).</summary>
internal static class AuthenticationAttempt
{
    private const string SchemeKey = "Imaging.Security.Scheme";
    private const string FailureKey = "Imaging.Security.Failure";

    public static void SetScheme(HttpContext context, string scheme) => context.Items[SchemeKey] = scheme;

    public static string? Scheme(HttpContext context) => context.Items.TryGetValue(SchemeKey, out var value) ? value as string : null;

    /// <summary>Records why the presented credential was refused; <paramref name="reason"/> never holds the credential.</summary>
    public static void SetFailure(HttpContext context, string reason) => context.Items[FailureKey] = reason;

    public static string? Failure(HttpContext context) => context.Items.TryGetValue(FailureKey, out var value) ? value as string : null;
}
