using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.ServiceDefaults.Health;

/// <summary>The liveness and readiness endpoints (anonymous: orchestrators and load balancers call them).</summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Maps <c>GET /health/live</c> (200 while the process serves HTTP; it runs no check, so a slow database never
    /// gets a healthy process restarted) and <c>GET /health/ready</c> (every check tagged <see cref="HealthTags.Ready"/>;
    /// 200 only when all are healthy, else 503; a degraded broker is not ready). Both answer JSON, never cached.</summary>
    public static IEndpointRouteBuilder MapImagingHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(LivePath, static (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("status", "live");
        })).AllowAnonymous();
        endpoints.MapGet(ReadyPath, static async (HttpContext context, HealthCheckService health) =>
        {
            var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready), context.RequestAborted).ConfigureAwait(false);
            var ready = report.Status == HealthStatus.Healthy;
            await WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, writer => WriteReport(writer, report, ready))
                .ConfigureAwait(false);
        }).AllowAnonymous();
        return endpoints;
    }

    private static void WriteReport(Utf8JsonWriter writer, HealthReport report, bool ready)
    {
        writer.WriteString("status", Name(report.Status));
        writer.WriteBoolean("ready", ready);
        writer.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", Name(entry.Status));
            if (entry.Description is not null) writer.WriteString("description", entry.Description);
            writer.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            if (entry.Data.Count > 0)
            {
                writer.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    switch (value)
                    {
                        case long number: writer.WriteNumber(key, number); break;
                        case int number: writer.WriteNumber(key, number); break;
                        case bool flag: writer.WriteBoolean(key, flag); break;
                        default: writer.WriteString(key, value?.ToString()); break;
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
