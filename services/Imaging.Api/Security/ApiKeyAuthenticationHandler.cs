using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Security;

/// <summary>Authenticates <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c> against the <see cref="ApiKeyRegistry"/>.
/// The key is never logged, echoed or stored.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry registry)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headerKeys = Request.Headers[HeaderName];
        var bearer = CredentialSelector.BearerToken(Request);
        if (headerKeys.Count == 0 && bearer is null)
        {
            if (Request.Headers.Authorization.Count > 0) return Fail("the Authorization header is not a single 'Bearer' credential");
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (headerKeys.Count > 1) return Fail($"{HeaderName} must be given once");
        var presented = headerKeys.Count == 1 ? headerKeys[0] ?? "" : bearer!;
        if (presented.Length > ApiKeyRegistry.MaximumKeyLength) return Fail("the credential is too long");
        var holder = registry.Find(presented.Trim());
        if (holder is null) return Fail(registry.Count == 0 ? "no API keys are configured" : "the API key is not known");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, holder.Name), new Claim(ClaimTypes.Role, holder.Role)],
            ImagingAuthSchemes.ApiKey, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    private Task<AuthenticateResult> Fail(string reason)
    {
        AuthenticationAttempt.SetFailure(Context, reason);
        return Task.FromResult(AuthenticateResult.Fail(reason));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => SecurityProblems.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SecurityProblems.WriteForbiddenAsync(Context, []);
}
