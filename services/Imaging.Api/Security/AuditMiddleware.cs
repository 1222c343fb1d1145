using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Security;

/// <summary>Records every access to patient data (see <see cref="AuditScope"/>) once its answer is known: a structured log
/// line, and an entry through <see cref="AuditQueue"/> to the audit log. Runs before authentication so refusals are
/// recorded too.</summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditQueue queue, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(SecurityLog.AccessCategory);

    public async Task InvokeAsync(HttpContext context)
    {
        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        var failed = true;
        try
        {
            await next(context).ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            // An exception that escapes becomes a 500 further out unless the answer had already started.
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            if (AuditScope.IsAudited(context.Request.Path, status))
            {
                var entry = AuditEntryFactory.Create(context, at, time.GetElapsedTime(started), status);
                SecurityLog.Access(_logger, entry.Method, entry.Target, entry.UserName, entry.Role, entry.AuthMethod, entry.RemoteAddress,
                    entry.StatusCode, Math.Round(entry.Duration.TotalMilliseconds, 3), entry.PatientId, entry.StudyInstanceUid, entry.SeriesInstanceUid,
                    entry.SopInstanceUid);
                await queue.EnqueueAsync(entry).ConfigureAwait(false);
            }
        }
    }
}
