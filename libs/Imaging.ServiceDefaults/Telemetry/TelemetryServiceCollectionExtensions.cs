using Imaging.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>Registers OpenTelemetry tracing, metrics and logs the same way in every service.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Traces and metrics from our own sources (<c>Imaging.*</c>), MassTransit, ASP.NET Core and the runtime, exported
    /// as <c>Telemetry:Exporter</c> says (none by default; <c>otlp</c> also exports logs). Log scopes carry the current trace
    /// and span ids, so every log line written inside a span can be found from the trace and back. For compatibility,
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> alone also turns OTLP on.</summary>
    /// <param name="configure">Extra tracing setup (tests add an in-memory exporter here).</param>
    /// <param name="configureMetrics">Extra metrics setup (tests add an in-memory exporter here).</param>
    /// <exception cref="ArgumentException">The Telemetry section is unusable; the message lists every problem.</exception>
    public static IServiceCollection AddImagingTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? configure = null, Action<MeterProviderBuilder>? configureMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var options = ReadTelemetryOptions(configuration);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(configuration));
        services.AddSingleton(options);

        // Trace and span ids in every log scope: a console line or an OTLP log record names the span it was written in.
        services.Configure<LoggerFactoryOptions>(logging =>
            logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(ImagingTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ImagingTelemetry.SourceWildcard)
                    .AddSource(ImagingTelemetry.MassTransitSource)
                    .AddAspNetCoreInstrumentation();
                if (options.Exporter == TelemetryExporter.Otlp) tracing.AddOtlpExporter(otlp => Apply(options.Otlp, "traces", otlp));
                else if (options.Exporter == TelemetryExporter.Console) tracing.AddConsoleExporter();
                configure?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ImagingTelemetry.SourceWildcard)
                    .AddMeter(ImagingTelemetry.MassTransitSource)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Exporter == TelemetryExporter.Otlp) metrics.AddOtlpExporter(otlp => Apply(options.Otlp, "metrics", otlp));
                else if (options.Exporter == TelemetryExporter.Console) metrics.AddConsoleExporter();
                configureMetrics?.Invoke(metrics);
            });
        if (options.Exporter == TelemetryExporter.Otlp)
        {
            builder.WithLogging(logging => logging.AddOtlpExporter(otlp => Apply(options.Otlp, "logs", otlp)), logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });
        }
        return services;
    }

    /// <summary>Samples the depth of <paramref name="queues"/> for the <c>imaging.bus.queue.depth</c> gauge when the bus is
    /// RabbitMQ; registers nothing for the in-memory bus.</summary>
    public static IServiceCollection AddImagingQueueDepth(this IServiceCollection services, MessagingOptions messaging, params string[] queues)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        if (messaging.Transport != MessagingTransport.RabbitMq || queues.Length == 0) return services;
        services.AddSingleton<IHostedService>(sp => new QueueDepthSampler(messaging, queues,
            sp.GetRequiredService<ILogger<QueueDepthSampler>>()));
        return services;
    }

    /// <summary>The <c>Telemetry</c> section, with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the OpenTelemetry convention) turning OTLP
    /// on when the section does not choose an exporter itself.</summary>
    public static TelemetryOptions ReadTelemetryOptions(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TelemetryOptions();
        configuration.GetSection(TelemetryOptions.SectionName).Bind(options);
        var conventional = configuration[ImagingTelemetry.OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.SectionName}:Exporter"]) && !string.IsNullOrWhiteSpace(conventional)
            && Uri.TryCreate(conventional, UriKind.Absolute, out var endpoint))
        {
            options.Exporter = TelemetryExporter.Otlp;
            options.Otlp.Endpoint ??= endpoint;
        }
        return options;
    }

    /// <param name="signal">For http/protobuf, the path under the collector's base address (<c>v1/traces</c>...): an endpoint
    /// set in code is used as is, so the signal's path is added here.</param>
    private static void Apply(OtlpExporterSettings settings, string signal, OtlpExporterOptions otlp)
    {
        var http = settings.Protocol == "http/protobuf";
        otlp.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var endpoint = settings.Endpoint!;
        otlp.Endpoint = http ? new Uri(endpoint, $"{endpoint.AbsolutePath.TrimEnd('/')}/v1/{signal}") : endpoint;
        if (!string.IsNullOrWhiteSpace(settings.Headers)) otlp.Headers = settings.Headers.Trim();
    }
}
