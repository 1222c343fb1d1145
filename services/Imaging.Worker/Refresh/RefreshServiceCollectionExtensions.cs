using Imaging.Analysis;
using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Refresh;

/// <summary>Wires the prior refresh into the worker.</summary>
public static class RefreshServiceCollectionExtensions
{
    /// <summary>Adds the refresh consumer to a MassTransit configuration. The refresher needs <see cref="IStudyQueries"/>,
    /// <see cref="IFindingsStore"/> and an <see cref="ISeriesReopener"/> (or an <see cref="IImagingStore"/> implementing it);
    /// without them, the consumer does nothing.</summary>
    public static void AddImagingPriorRefresh(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.TryAddScoped(sp => new PriorRefresher(sp.GetService<IStudyQueries>(), sp.GetRequiredService<IFindingsStore>(),
            sp.GetService<IPriorFindingsSource>() ?? NoPriorFindingsSource.Instance, sp.GetService<ISeriesReopener>() ?? sp.GetService<IImagingStore>() as ISeriesReopener,
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<PriorRefresher>>()));
        configurator.AddConsumer<PriorRefreshConsumer, PriorRefreshConsumerDefinition>();
    }
}
