using Imaging.ServiceDefaults.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Api;

/// <summary>Answers 503 (with Retry-After) when the index database is unreachable or restarting, instead of letting the
/// exception escape as a 500: the request was fine, the client should simply retry. Any other failure still escapes.</summary>
internal sealed partial class DatabaseUnavailableFilter : IEndpointFilter
{
    /// <summary>Seconds a client is asked to wait: about a database restart, or the circuit breaker's break.</summary>
    private const string RetryAfterSeconds = "5";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientDatabaseErrors.IsTransient(ex) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<DatabaseUnavailableFilter>>();
            Unavailable(logger, context.HttpContext.Request.Path, ex.Message);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            return ApiProblems.DatabaseUnavailable();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "GET {Path}: the index database is unavailable, answered 503: {Reason}")]
    private static partial void Unavailable(ILogger logger, string path, string reason);
}
