using Imaging.Deidentification;
using Imaging.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Imaging.Export;

/// <summary>Registers the research export runner.</summary>
public static class ExportServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IExportRunner"/>. Needs the registered <see cref="IImagingStore"/> to implement
    /// <see cref="IExportQueries"/> (both stores do), an <see cref="IBlobStore"/>, an <see cref="IDeidentifierFactory"/>
    /// and the <see cref="Pseudonymizer"/> (AddImagingDeidentification); <see cref="IAuditLog"/> is used when registered.
    /// Limits are bound from <c>Export:Runner</c> when <paramref name="configuration"/> is given.</summary>
    public static IServiceCollection AddImagingExport(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ExportRunnerOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(ExportRunnerOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExportRunner>(sp => new ExportRunner(
            sp.GetRequiredService<IImagingStore>() as IExportQueries
                ?? throw new InvalidOperationException("The registered IImagingStore does not implement IExportQueries."),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredService<IDeidentifierFactory>(),
            sp.GetRequiredService<Pseudonymizer>(),
            sp.GetService<IAuditLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ExportRunnerOptions>>(),
            sp.GetRequiredService<ILogger<ExportRunner>>()));
        return services;
    }
}
