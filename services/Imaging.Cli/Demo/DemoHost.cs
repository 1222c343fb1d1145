using System.Globalization;
using System.Net;
using Imaging.Cli.Serve;
using Imaging.Gateway;
using Imaging.Worker.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Demo;

/// <summary>What `serve --demo` changes in the host: the results destination (our own SCP unless one is configured), the
/// demo's AEs admitted by a gateway that restricts calling AEs, and the seeding service.</summary>
internal static class DemoHost
{
    /// <summary>The <c>Demo</c> section of <paramref name="configuration"/>; throws <see cref="InvalidOperationException"/>
    /// naming the key when a value does not convert.</summary>
    public static DemoOptions Bind(IConfiguration configuration)
    {
        var options = new DemoOptions();
        configuration.GetSection(DemoOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>With the demo enabled, the configuration the host should run on (results to our own SCP unless a
    /// destination is configured) and <paramref name="gateway"/> admitting the demo's calling AEs; otherwise
    /// <paramref name="configuration"/> unchanged.</summary>
    public static IConfiguration Configure(IConfiguration configuration, ServeOptions serve, GatewayOptions gateway)
    {
        var demo = Bind(configuration);
        if (!demo.Enabled) return configuration;

        var loopback = ReachableAddress(gateway.BindAddress);
        var destination = configuration.GetSection($"{ResultsOptions.SectionName}:Destination").Get<ResultsDestinationOptions>();
        var resultsToOwnScp = destination is null || !destination.IsConfigured;
        Admit(gateway, demo.CallingAeTitle, loopback);
        if (!resultsToOwnScp) return configuration;

        Admit(gateway, demo.ResultsCallingAeTitle, loopback);
        var prefix = $"{ResultsOptions.SectionName}:Destination";
        return new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The SR and key images land in our own store, where the UI shows them beside the images.
                [$"{prefix}:AeTitle"] = serve.AeTitle.Trim(),
                [$"{prefix}:Host"] = loopback.ToString(),
                [$"{prefix}:Port"] = serve.DicomPort.ToString(CultureInfo.InvariantCulture),
                [$"{prefix}:CallingAeTitle"] = demo.ResultsCallingAeTitle.Trim(),
            })
            .Build();
    }

    /// <summary>Registers the seeding service (as <see cref="DemoSeeder"/> too, for tests to await); nothing when the demo
    /// is not enabled.</summary>
    public static IServiceCollection AddImagingDemo(this IServiceCollection services, IConfiguration configuration, ServeOptions serve)
    {
        var demo = Bind(configuration);
        if (!demo.Enabled) return services;
        var destination = configuration.GetSection($"{ResultsOptions.SectionName}:Destination").Get<ResultsDestinationOptions>();
        var resultsToOwnScp = destination is { IsConfigured: true } && destination.Port == serve.DicomPort
            && string.Equals(destination.AeTitle?.Trim(), serve.AeTitle.Trim(), StringComparison.Ordinal);
        services.AddSingleton(demo);
        services.AddSingleton(new DemoEndpoints(serve.AeTitle.Trim(), DemoEndpoints.UiUrlOf(serve), resultsToOwnScp));
        services.AddSingleton<DemoSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        return services;
    }

    /// <summary>Where a client on this machine reaches a listener bound to <paramref name="bindAddress"/>.</summary>
    private static IPAddress ReachableAddress(string bindAddress)
    {
        if (!IPAddress.TryParse(bindAddress, out var address) || address.Equals(IPAddress.Any)) return IPAddress.Loopback;
        return address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
    }

    /// <summary>A gateway without calling-AE rules admits every AE already; adding one there would shut out everybody else,
    /// so the demo's AE is added only to an existing list, from loopback (or the bind address) and for storage alone.</summary>
    private static void Admit(GatewayOptions gateway, string aeTitle, IPAddress from)
    {
        if (gateway.CallingAes.Count == 0) return;
        var title = aeTitle.Trim();
        if (gateway.CallingAes.Any(a => string.Equals(a.AeTitle.Trim(), title, StringComparison.Ordinal))) return;
        var hosts = new List<string> { IPAddress.Loopback.ToString(), IPAddress.IPv6Loopback.ToString() };
        if (!IPAddress.IsLoopback(from)) hosts.Add(from.ToString());
        gateway.CallingAes.Add(new CallingAeOptions { AeTitle = title, Hosts = hosts, Permissions = ["store"] });
    }
}
