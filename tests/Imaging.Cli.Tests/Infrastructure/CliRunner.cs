namespace Imaging.Cli.Tests.Infrastructure;

/// <summary>What one run of the imaging command produced.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Non-empty lines written to stderr.</summary>
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the imaging command in this process, capturing what it writes.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // A safety net: a serve that wrongly starts instead of rejecting its options stops here rather than hanging the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await ImagingCommand.InvokeAsync(args, output, error, timeout.Token);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
