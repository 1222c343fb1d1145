using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.ServiceDefaults.Health;

/// <summary>Registers the readiness checks every role shares (tag <see cref="HealthTags.Ready"/>); the messaging setup adds
/// the broker's own checks under the same tag.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <param name="dataDirectory">The data folder (blobs, SQLite): must exist, be writable and have free space.</param>
    /// <param name="storePing">Reaches the index store (a trivial query), or null when this process has none.</param>
    /// <exception cref="ArgumentException">The Health section is unusable; the message lists every problem.</exception>
    public static IServiceCollection AddImagingHealth(this IServiceCollection services, IConfiguration configuration, string dataDirectory,
        Func<IServiceProvider, CancellationToken, Task>? storePing)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var options = new ImagingHealthOptions();
        configuration.GetSection(ImagingHealthOptions.SectionName).Bind(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(configuration));
        services.AddSingleton(options);

        var checks = services.AddHealthChecks();
        checks.Add(new HealthCheckRegistration("data-folder", _ => new DataFolderHealthCheck(dataDirectory, options), HealthStatus.Unhealthy,
            [HealthTags.Ready], options.CheckTimeout));
        if (storePing is not null)
            checks.Add(new HealthCheckRegistration("store", sp => new PingHealthCheck(token => storePing(sp, token), "the index store"),
                HealthStatus.Unhealthy, [HealthTags.Ready], options.CheckTimeout));
        return services;
    }
}
