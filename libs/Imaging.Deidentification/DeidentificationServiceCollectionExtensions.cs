using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Imaging.Deidentification;

/// <summary>Registers the de-identification engine.</summary>
public static class DeidentificationServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDeidentifierFactory"/> as a singleton built from the <see cref="Pseudonymizer"/>
    /// the host registers (its key comes from the host's configuration).</summary>
    public static IServiceCollection AddImagingDeidentification(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDeidentifierFactory>(sp => new DeidentifierFactory(sp.GetRequiredService<Pseudonymizer>()));
        return services;
    }
}
