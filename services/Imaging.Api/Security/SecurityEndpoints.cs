using Imaging.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Imaging.Api.Security;

/// <summary><c>GET /api/audit</c> (Admin) and <c>GET /auth/me</c> (any authenticated caller).</summary>
public static class SecurityEndpoints
{
    /// <summary>Maps the audit log query and the caller's identity.</summary>
    public static void MapImagingSecurity(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/audit", QueryAuditAsync).WithName("QueryAuditLog")
            .AddEndpointFilter<DatabaseUnavailableFilter>().RequireAuthorization(ImagingPolicies.Admin);
        endpoints.MapGet("/auth/me", CurrentUserAsync).WithName("CurrentUser").RequireAuthorization();
    }

    private static async Task<IResult> QueryAuditAsync(HttpRequest request, [FromServices] IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!AuditListParameters.TryParse(request.Query, out var query, out var error)) return ApiProblems.InvalidParameter(error.Parameter, error.Message);
        var entries = await audit.QueryAuditAsync(query, cancellationToken);
        return TypedResults.Json(new AuditListResponse([.. entries.Select(AuditItem.From)], query.Limit, query.Offset),
            SecurityJsonContext.Default.AuditListResponse);
    }

    private static async Task<IResult> CurrentUserAsync(HttpContext context, [FromServices] IAuthorizationService authorization)
    {
        var user = context.User;
        async Task<bool> Allowed(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        var clinical = await Allowed(ImagingPolicies.Clinical);
        var research = await Allowed(ImagingPolicies.Research);
        var admin = await Allowed(ImagingPolicies.Admin);
        var message = clinical ? null
            : research ? "Your role gives access to de-identified research data only: patients, studies and images are not shown."
            : "Your role gives no access to patient or research data.";
        return TypedResults.Json(new CurrentUserResponse(user.Identity?.Name ?? "", SecurityProblems.Roles(user),
            AuthenticationAttempt.Scheme(context) ?? user.Identity?.AuthenticationType, clinical, research, admin, message),
            SecurityJsonContext.Default.CurrentUserResponse);
    }
}
