using Imaging.Deidentification;
using Imaging.Export;
using Imaging.Api.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Imaging.Api.Export;

/// <summary>What the API host needs for the export runner itself: the de-identifier and the runner
/// (<c>AddImagingDeidentification</c>, <c>AddImagingExport</c>) and the Pseudonymizer they share with the research rows.</summary>
public static class ExportComposition
{
    /// <summary>Registers the runner's services in the API host.</summary>
    public static IServiceCollection AddExportServices(IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // One key for research rows and exports: a patient is the same pseudonym in /api/research/findings and in every export.
        services.TryAddSingleton(sp => sp.GetRequiredService<ResearchPseudonyms>().Pseudonymizer);
        services.AddImagingDeidentification();
        services.AddImagingExport(configuration);
        return services;
    }
}
