using Imaging.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Workspace;

/// <summary>Registers what the workspace endpoints and the OpenAPI document need.</summary>
public static class WorkspaceServiceCollectionExtensions
{
    /// <summary>Adds the workspace services, the <c>Research</c> options and the OpenAPI document. The store must be
    /// registered as <see cref="IImagingStore"/> (both stores implement <see cref="IPatientQueries"/>) or as
    /// <see cref="IPatientQueries"/> itself; an <see cref="IBlobStore"/>, when registered, lets comparisons find the
    /// whole-body views' frames.</summary>
    /// <param name="dataDirectory">Where the generated research key is kept; null: pseudonyms last one process.</param>
    public static IServiceCollection AddImagingWorkspace(this IServiceCollection services, IConfiguration configuration, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ResearchOptions>(configuration.GetSection(ResearchOptions.SectionName));
        services.TryAddSingleton(new WorkspaceDataFolder(dataDirectory));
        services.TryAddSingleton<IPatientQueries>(sp => sp.GetRequiredService<IImagingStore>() as IPatientQueries
            ?? throw new InvalidOperationException("The registered IImagingStore does not implement IPatientQueries."));
        services.TryAddSingleton(sp => new BoneScanViewLocator(sp.GetRequiredService<IPatientQueries>(), sp.GetService<IBlobStore>(),
            sp.GetRequiredService<ILogger<BoneScanViewLocator>>()));
        services.TryAddSingleton<WorkspaceComparisons>();
        services.TryAddSingleton<ResearchPseudonyms>();
        services.AddImagingOpenApi();
        return services;
    }
}
