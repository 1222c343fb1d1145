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
}
