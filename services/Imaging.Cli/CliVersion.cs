using System.Reflection;

namespace Imaging.Cli;

/// <summary>The version this build reports in --version and /health.</summary>
internal static class CliVersion
{
    /// <summary>Taken from this assembly, not the entry assembly, so it is right when the CLI runs inside a test host.</summary>
    public static string Value { get; } =
        typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
