using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Results;

/// <summary>Wires the results sender: <see cref="ResultsOptions"/> bound from the host's configuration section
/// <c>Worker:Results</c>, the per-analyzer builders, the publisher and its consumer.</summary>
public static class ResultsServiceCollectionExtensions
{
    /// <summary>Registers the options (bound from the <see cref="IConfiguration"/> in the container, when there is one,
    /// then <paramref name="configure"/>), their validation, the builders and the publisher. Idempotent.</summary>
    public static IServiceCollection AddImagingResults(this IServiceCollection services, Action<ResultsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ResultsOptions>();
        if (!services.Any(d => d.ServiceType == typeof(ResultsMarker)))
        {
            services.AddSingleton<ResultsMarker>();
            // Bound when first asked for, from whatever configuration the host registered (appsettings, environment).
            options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(ResultsOptions.SectionName).Bind(o));
        }
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResultsOptions>, ResultsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IResultObjectsBuilder, BoneScanResultObjectsBuilder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IResultObjectsBuilder, SpineResultObjectsBuilder>());
        services.TryAddScoped<ResultsPublisher>();
        return services;
    }

    /// <summary>Adds the results consumer (and <see cref="AddImagingResults"/>) to a MassTransit configuration.</summary>
    public static void AddImagingResultsConsumer(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddImagingResults();
        configurator.AddConsumer<FindingsResultsConsumer, FindingsResultsConsumerDefinition>();
    }

    /// <summary>Marks that the configuration binding is registered, so calling twice binds once.</summary>
    private sealed class ResultsMarker;
}
