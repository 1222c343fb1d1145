using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Security;

/// <summary>Local mode (loopback bind, no credential configured): every request is the local user with the configured role.
/// A request from a non-loopback address is refused all the same, in case a proxy or a changed bind lets one in; an
/// in-process client (the test server) has no address and counts as local.</summary>
internal sealed class LocalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LocalUser user)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var remote = Context.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            const string Reason = "local mode serves loopback clients only";
            AuthenticationAttempt.SetFailure(Context, Reason);
            return Task.FromResult(AuthenticateResult.Fail(Reason));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, LocalUser.Name), new Claim(ClaimTypes.Role, user.Role)],
            ImagingAuthSchemes.Local, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => SecurityProblems.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SecurityProblems.WriteForbiddenAsync(Context, []);
}
