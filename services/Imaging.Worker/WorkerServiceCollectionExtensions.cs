using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Spine;
using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Worker;

/// <summary>Wires the worker into a host. The host also registers the storage (<c>IInstanceIndex</c>, <c>IFindingsStore</c>,
/// <c>IBlobStore</c>, and <c>IStudyQueries</c> for comparisons with a patient's prior scans) and adds <see cref="AddImagingWorkerConsumers"/> to its MassTransit configuration.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>Registers the analysis runner, the metadata and bone-scan analyzers, the prior-findings source and the
    /// worker options. More analyzers are added with <c>services.AddSingleton&lt;ISeriesAnalyzer, MyAnalyzer&gt;()</c>.</summary>
    public static IServiceCollection AddImagingWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkerOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISeriesAnalyzer, MetadataAnalyzer>());
        // A host without study queries (a test harness, a bare worker) still runs: its bone scans get no comparison.
        services.TryAddSingleton<IPriorFindingsSource>(sp =>
            sp.GetService<IStudyQueries>() is { } queries && sp.GetService<IFindingsStore>() is { } findings
                ? new StorePriorFindingsSource(queries, findings)
                : NoPriorFindingsSource.Instance);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISeriesAnalyzer, BoneScanAnalyzer>(
            sp => new BoneScanAnalyzer(priors: sp.GetRequiredService<IPriorFindingsSource>())));
        // A SEG series is measured on the image series it segments, fetched from the index and blob store.
        services.TryAddSingleton<IReferencedSeriesSource>(sp => new StoreReferencedSeriesSource(
            sp.GetRequiredService<IInstanceIndex>(), sp.GetRequiredService<IBlobStore>(), sp.GetService<IStudyQueries>()));
        // Spine CT, MR and SEG: pixel data decodes through PixelCodecRegistry.Default, where the host registers its codecs at start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISeriesAnalyzer, SpineAnalyzer>(
            // A host without an index or blob store (a bare test container) still gets the analyzer; its SEG series get a warning.
            sp => new SpineAnalyzer(
                referencedSeries: sp.GetService<IInstanceIndex>() is null || sp.GetService<IBlobStore>() is null
                    ? null
                    : sp.GetRequiredService<IReferencedSeriesSource>(),
                priors: sp.GetRequiredService<IPriorFindingsSource>())));
        services.TryAddScoped<SeriesAnalysisRunner>();
        // SEG series that arrived before their images are analysed again when those images become ready.
        // With a store that reopens series, the replay goes through its outbox (series table and findings stay in step).
        services.TryAddScoped(sp => new SegReplayFinder(sp.GetRequiredService<IInstanceIndex>(), sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IFindingsStore>(), sp.GetRequiredService<ILogger<SegReplayFinder>>(), sp.GetService<IStudyQueries>(),
            sp.GetService<ISeriesReopener>() ?? sp.GetService<IImagingStore>() as ISeriesReopener, sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>Adds the worker's consumers to a MassTransit configuration; usable as an
    /// <c>Action&lt;IBusRegistrationConfigurator&gt;</c>.</summary>
    public static void AddImagingWorkerConsumers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddConsumer<SeriesReadyConsumer, SeriesReadyConsumerDefinition>();
        Results.ResultsServiceCollectionExtensions.AddImagingResultsConsumer(configurator);
        // Later studies analysed before a newer prior arrived are analysed again with it (issue 8).
        Refresh.RefreshServiceCollectionExtensions.AddImagingPriorRefresh(configurator);
    }
}
