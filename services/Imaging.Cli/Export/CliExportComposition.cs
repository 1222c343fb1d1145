using Imaging.Api.Workspace;
using Imaging.Deidentification;
using Imaging.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Imaging.Cli.Export;

/// <summary>What `imaging export` needs for the export runner itself: the de-identifier and the runner
/// (<c>AddImagingDeidentification</c>, <c>AddImagingExport</c>) and the Pseudonymizer, keyed exactly as the
/// server keys it (<c>Research:PseudonymKey</c>, <c>Research:PseudonymKeyFile</c>, or the key file in the data folder).</summary>
internal static class CliExportComposition
{
    public static IServiceCollection AddExportServices(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var research = configuration.GetSection(ResearchOptions.SectionName).Get<ResearchOptions>() ?? new ResearchOptions();
        services.TryAddSingleton(_ =>
        {
            var (key, _) = PseudonymKey.Load(research.PseudonymKey, research.PseudonymKeyFile, dataDirectory);
            return new Pseudonymizer(key);
        });
        services.AddImagingDeidentification();
        services.AddImagingExport(configuration);
        return services;
    }
}
