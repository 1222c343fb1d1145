using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Imaging.ServiceDefaults.Resilience;

/// <summary>Registers the "database" and "broker" pipelines, their options bound from configuration.</summary>
public static class ResilienceServiceCollectionExtensions
{
    /// <summary>Binds <c>Resilience:Database</c> and <c>Resilience:Broker</c> and registers both pipelines; resolve them with
    /// <c>ResiliencePipelineProvider&lt;string&gt;.GetPipeline(ResiliencePipelineNames.Database)</c>. Calling it again
    /// does nothing, so every component that needs the pipelines may call it.</summary>
    public static IServiceCollection AddImagingResilience(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Registered))) return services;
        services.AddSingleton<Registered>();
        services.AddOptions<DatabaseResilienceOptions>().Bind(configuration.GetSection(DatabaseResilienceOptions.SectionName));
        services.AddOptions<BrokerResilienceOptions>().Bind(configuration.GetSection(BrokerResilienceOptions.SectionName));
        // Polly logs every retry and failed attempt as a warning with the exception's stack trace: during a broker or
        // database outage that is a stack trace per call per second. Those become Information (hidden by the default
        // "Polly": "Warning" level); a circuit opening or closing keeps its severity, and callers log their own failures.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.EventName is "OnRetry" or "ExecutionAttempt" ? ResilienceEventSeverity.Information : args.Event.Severity);
        services.AddResiliencePipeline(ResiliencePipelineNames.Database, (builder, context) =>
            builder.AddDatabaseStrategies(context.ServiceProvider.GetRequiredService<IOptions<DatabaseResilienceOptions>>().Value));
        services.AddResiliencePipeline(ResiliencePipelineNames.Broker, (builder, context) =>
            builder.AddBrokerStrategies(context.ServiceProvider.GetRequiredService<IOptions<BrokerResilienceOptions>>().Value));
        return services;
    }

    /// <summary>Marks the registration as done.</summary>
    private sealed class Registered;
}
