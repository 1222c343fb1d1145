using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Imaging.Api.Security;

/// <summary>Answers a refused authorization with our problem details, naming the policy the route needs (the schemes' own
/// challenge and forbid know nothing of the route).</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged) return SecurityProblems.WriteUnauthorizedAsync(context);
        if (authorizeResult.Forbidden)
        {
            var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [];
            return SecurityProblems.WriteForbiddenAsync(context, policies);
        }
        return next(context);
    }
}
