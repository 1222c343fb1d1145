using Imaging.ServiceDefaults.Resilience;
using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly.Registry;

namespace Imaging.Gateway.Pipeline;

/// <summary>Hosts the outbox relay and the series assembler.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers <see cref="OutboxRelay"/> and <see cref="SeriesAssembler"/> as singletons and hosted services,
    /// <see cref="IOutboxNotifier"/> (the relay), and their options from <c>Pipeline:OutboxRelay</c> and
    /// <c>Pipeline:SeriesAssembler</c>. Needs, registered by the caller: the store (<see cref="IImagingStore"/>, or
    /// <see cref="IOutboxStore"/> and <see cref="ISeriesReadinessStore"/> separately) and the bus (<c>AddImagingMessaging</c>). The ingest
    /// path calls <c>OutboxRelay.Notify()</c> and <c>SeriesAssembler.Notify()</c> after each committed instance.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem.</exception>
    public static IServiceCollection AddImagingPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddImagingResilience(configuration);
        services.TryAddSingleton(TimeProvider.System);

        var relayOptions = new OutboxRelayOptions();
        configuration.GetSection(OutboxRelayOptions.SectionName).Bind(relayOptions);
        var assemblerOptions = new SeriesAssemblerOptions();
        configuration.GetSection(SeriesAssemblerOptions.SectionName).Bind(assemblerOptions);
        var problems = relayOptions.Validate().Concat(assemblerOptions.Validate()).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(configuration));

        services.AddSingleton(sp =>
        {
            var pipelines = sp.GetRequiredService<ResiliencePipelineProvider<string>>();
            // IBus, not IPublishEndpoint: the relay lives outside any consume scope, and the scoped IPublishEndpoint
            // cannot be resolved from the root provider.
            return new OutboxRelay(sp.GetService<IOutboxStore>() ?? sp.GetRequiredService<IImagingStore>(), sp.GetRequiredService<IBus>(), relayOptions,
                pipelines.GetPipeline(ResiliencePipelineNames.Database), pipelines.GetPipeline(ResiliencePipelineNames.Broker),
                sp.GetRequiredService<ILogger<OutboxRelay>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IOutboxNotifier>(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton(sp => new SeriesAssembler(sp.GetService<ISeriesReadinessStore>() ?? sp.GetRequiredService<IImagingStore>(), sp.GetRequiredService<IOutboxNotifier>(),
            assemblerOptions, sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(ResiliencePipelineNames.Database),
            sp.GetRequiredService<ILogger<SeriesAssembler>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SeriesAssembler>());
        // Telemetry: outbox backlog and lag gauges, when the store can tell (the real stores can; test fakes need not).
        services.AddSingleton<IHostedService>(sp =>
            (sp.GetService<IOutboxStore>() ?? sp.GetService<IImagingStore>()) is IOutboxBacklog backlog
                ? new OutboxBacklogSampler(backlog, sp.GetRequiredService<ILogger<OutboxBacklogSampler>>(), sp.GetRequiredService<TimeProvider>())
                : new NoBacklogSampler());
        return services;
    }

    /// <summary>Stands in for the sampler when the store cannot report its backlog.</summary>
    private sealed class NoBacklogSampler : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
