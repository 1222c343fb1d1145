namespace Imaging.Pipeline.Tests.Support;

/// <summary>What one run of the imaging command produced.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Non-empty lines written to stderr.</summary>
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
