using Imaging.Api.Workspace;
using Imaging.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Imaging.Api.Export;

/// <summary>Registers the research export jobs.</summary>
public static class ResearchExportServiceCollectionExtensions
{
    /// <summary>Adds the <c>Export</c> options, the job store (the registered <see cref="IImagingStore"/>, which implements
    /// <see cref="IExportJobStore"/>), the <see cref="ExportJobService"/> and the runner's composition. Call after
    /// <see cref="WorkspaceServiceCollectionExtensions.AddImagingWorkspace"/> (the research key lives there).</summary>
    public static IServiceCollection AddResearchExports(this IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportOptions>, ExportOptionsValidation>());
        services.TryAddSingleton(new WorkspaceDataFolder(dataDirectory));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExportJobStore>(sp => sp.GetRequiredService<IImagingStore>() as IExportJobStore
            ?? throw new InvalidOperationException("The registered IImagingStore does not implement IExportJobStore."));
        services.TryAddSingleton<ExportJobService>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportJobService>());
        ExportComposition.AddExportServices(services, configuration, dataDirectory);
        return services;
    }
}
