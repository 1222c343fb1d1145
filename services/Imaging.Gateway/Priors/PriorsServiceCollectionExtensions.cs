using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Priors;

/// <summary>Wires prior retrieval into a gateway host.</summary>
public static class PriorsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PriorsOptions"/> from "Priors" and, when enabled, registers the fetcher and its hosted loop.
    /// Needs, registered by the caller: <see cref="IPriorFetchStore"/> (or an <see cref="IImagingStore"/> that implements it)
    /// and <see cref="GatewayOptions"/> (its first AE title is our calling AE and the default move destination). Returns
    /// whether priors are enabled: only then is <see cref="AddImagingPriorsConsumer"/> to be added to the bus.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem.</exception>
    public static bool AddImagingPriors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new PriorsOptions();
        configuration.GetSection(PriorsOptions.SectionName).Bind(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(configuration));
        if (!options.Enabled) return false;

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton<IPriorPacsClient, DicomPriorPacsClient>();
        // Both stores implement it; a host registering only IImagingStore gets it from there.
        services.TryAddSingleton<IPriorFetchStore>(sp => (IPriorFetchStore)sp.GetRequiredService<IImagingStore>());
        services.AddSingleton(sp => new PriorFetcher(sp.GetRequiredService<IPriorFetchStore>(), sp.GetRequiredService<IPriorPacsClient>(), options,
            sp.GetRequiredService<GatewayOptions>().AeTitles[0], sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PriorFetcher>>()));
        services.AddSingleton<PriorsService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PriorsService>());
        return true;
    }

    /// <summary>Adds the look-up trigger (a SeriesReady consumer on the shared "imaging-priors" queue) to the bus.</summary>
    public static void AddImagingPriorsConsumer(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddConsumer<PriorsTriggerConsumer, PriorsTriggerConsumerDefinition>();
    }
}
