using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>Registers OpenTelemetry tracing and metrics the same way in every service.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Traces and metrics from our own sources (<c>Imaging.*</c>), MassTransit, ASP.NET Core and the runtime.
    /// The OTLP exporter is added only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, so the embedded default
    /// neither needs a collector nor keeps retrying one that is not there.</summary>
    /// <param name="configure">Extra tracing setup (tests add an in-memory exporter here).</param>
    /// <param name="configureMetrics">Extra metrics setup (tests add an in-memory exporter here).</param>
    public static IServiceCollection AddImagingTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? configure = null, Action<MeterProviderBuilder>? configureMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[ImagingTelemetry.OtlpEndpointKey]);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(ImagingTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ImagingTelemetry.SourceWildcard)
                    .AddSource(ImagingTelemetry.MassTransitSource)
                    .AddAspNetCoreInstrumentation();
                if (exportOtlp) tracing.AddOtlpExporter();
                configure?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ImagingTelemetry.SourceWildcard)
                    .AddMeter(ImagingTelemetry.MassTransitSource)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (exportOtlp) metrics.AddOtlpExporter();
                configureMetrics?.Invoke(metrics);
            });
        return services;
    }
}
