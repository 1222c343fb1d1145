using Imaging.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Imaging.Api.Security;

/// <summary>Composition of authentication (API keys, JWT, local mode), the role policies and the audit log.</summary>
public static class ImagingSecurityExtensions
{
    /// <summary>Registers the schemes, the <see cref="ImagingPolicies"/>, and the audit queue and writer (the host registers
    /// <see cref="IAuditLog"/>). With no API key and no JWT configured, <paramref name="loopbackOnly"/> (HTTP binds a loopback
    /// address only) turns on local mode; otherwise it throws <see cref="SecurityConfigurationException"/>: patient data is
    /// never served unauthenticated on a network. Key files are read and checked here, so a bad one stops the start.</summary>
    public static IServiceCollection AddImagingSecurity(this IServiceCollection services, IConfiguration configuration, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SecurityOptions();
        try
        {
            configuration.GetSection(SecurityOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new SecurityConfigurationException($"Auth: {ex.Message}");
        }
        if (options.Audit.QueueCapacity < 1 || options.Audit.BatchSize < 1 || options.Audit.EnqueueTimeout <= TimeSpan.Zero)
            throw new SecurityConfigurationException("Auth:Audit: QueueCapacity, BatchSize and EnqueueTimeout must be positive");

        var keys = ApiKeyRegistry.Load(options.ApiKeys);
        var jwt = options.Jwt.IsConfigured ? JwtValidationSetup.Create(options.Jwt) : null;
        var localMode = keys.Count == 0 && jwt is null;
        if (localMode && !loopbackOnly)
            throw new SecurityConfigurationException(
                "HTTP binds a non-loopback address but no API key (Auth:ApiKeys) or JWT (Auth:Jwt) is configured: refusing to serve patient data without authentication");
        if (localMode && !ImagingRoles.IsKnown(options.LocalRole))
            throw new SecurityConfigurationException($"Auth:LocalRole '{options.LocalRole}' is not one of {string.Join(", ", ImagingRoles.All)}");

        services.AddSingleton(options);
        services.AddSingleton(options.Audit);
        services.AddSingleton(keys);
        services.AddSingleton(new LocalUser(options.LocalRole));
        services.AddSingleton(new SecurityMode(localMode, keys.Count, jwt is null ? null : options.Jwt.Issuer));
        services.TryAddSingleton(TimeProvider.System);

        var selector = new CredentialSelector(localMode, jwt is not null);
        var authentication = services.AddAuthentication(ImagingAuthSchemes.Default)
            .AddPolicyScheme(ImagingAuthSchemes.Default, "API key, JWT or local user", o => o.ForwardDefaultSelector = selector.Select)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ImagingAuthSchemes.ApiKey, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LocalAuthenticationHandler>(ImagingAuthSchemes.Local, null);
        if (jwt is not null)
        {
            var maximumLifetime = options.Jwt.MaximumLifetime;
            authentication.AddJwtBearer(ImagingAuthSchemes.Jwt, o =>
            {
                o.TokenValidationParameters = jwt;
                o.MapInboundClaims = false;
                o.SaveToken = false;
                o.IncludeErrorDetails = false;
                o.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        AuthenticationAttempt.SetFailure(context.HttpContext, JwtValidationSetup.Describe(context.Exception));
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (context.SecurityToken is JsonWebToken token)
                        {
                            var start = token.IssuedAt != DateTime.MinValue ? token.IssuedAt : token.ValidFrom;
                            if (start == DateTime.MinValue || token.ValidTo - start > maximumLifetime)
                            {
                                const string Reason = "the token's lifetime (iat or nbf to exp) is missing or too long";
                                AuthenticationAttempt.SetFailure(context.HttpContext, Reason);
                                context.Fail(Reason);
                            }
                        }
                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return SecurityProblems.WriteUnauthorizedAsync(context.HttpContext);
                    },
                    OnForbidden = context => SecurityProblems.WriteForbiddenAsync(context.HttpContext, []),
                };
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(ImagingPolicies.Clinical, Policy(ImagingPolicies.Clinical))
            .AddPolicy(ImagingPolicies.Research, Policy(ImagingPolicies.Research))
            .AddPolicy(ImagingPolicies.Admin, Policy(ImagingPolicies.Admin));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        // ASP.NET Core's "Request starting/finished" lines carry the raw query string, where a client may have put a token;
        // the audit line (masked) replaces them.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddSingleton<AuditQueue>();
        services.AddHostedService<AuditWriterService>();
        return services;
    }

    private static AuthorizationPolicy Policy(string name) =>
        new AuthorizationPolicyBuilder(ImagingAuthSchemes.Default).RequireAuthenticatedUser().RequireRole(ImagingPolicies.Roles[name]).Build();

    /// <summary>Adds the audit middleware (outermost, so refusals are recorded), authentication and authorization, and maps
    /// <c>/api/audit</c> and <c>/auth/me</c>; logs the mode (a warning in local mode).</summary>
    public static WebApplication UseImagingSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mode = app.Services.GetRequiredService<SecurityMode>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ImagingSecurityExtensions).Namespace!);
        if (mode.LocalMode) SecurityLog.LocalMode(logger, app.Services.GetRequiredService<LocalUser>().Role);
        else SecurityLog.Configured(logger, mode.ApiKeyCount, mode.JwtIssuer is null ? "off" : $"issuer {mode.JwtIssuer}");

        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapImagingSecurity();
        return app;
    }
}
