using Microsoft.Extensions.Configuration;

namespace Imaging.Cli.Serve;

/// <summary>Builds the configuration of `imaging serve`: appsettings.json, then IMAGING_* environment variables, then
/// the command line, each overriding the one before.</summary>
internal static class ServeConfiguration
{
    public const string EnvironmentPrefix = "IMAGING_";

    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string?> commandLine, string? baseDirectory = null) =>
        new ConfigurationBuilder()
            // Only prefixed variables: the host's default of reading every variable would let an unrelated
            // "HttpPort" in the environment reconfigure the service.
            .AddJsonFile(Path.Combine(baseDirectory ?? AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(commandLine)
            .Build();

    /// <summary>The options in <paramref name="configuration"/>; throws <see cref="InvalidOperationException"/> naming the
    /// key when a value does not convert (e.g. IMAGING_DICOMPORT=abc).</summary>
    public static ServeOptions Bind(IConfiguration configuration)
    {
        var options = new ServeOptions();
        configuration.Bind(options);
        return options;
    }

    /// <summary>The gateway's settings: the "Gateway" section, with the data folder, DICOM port and first AE title taken
    /// from the serve options (so --data, --dicom-port and --ae-title win over the section).</summary>
    public static Imaging.Gateway.GatewayOptions BindGateway(IConfiguration configuration, ServeOptions serve)
    {
        var gateway = Imaging.Gateway.GatewayOptions.Bind(configuration.GetSection(Imaging.Gateway.GatewayOptions.SectionName));
        gateway.AeTitles = [serve.AeTitle, .. gateway.AeTitles.Where(t => !string.Equals(t.Trim(), serve.AeTitle.Trim(), StringComparison.Ordinal))];
        gateway.Port = serve.DicomPort;
        gateway.DataDirectory = serve.DataDirectory;
        return gateway;
    }
}
