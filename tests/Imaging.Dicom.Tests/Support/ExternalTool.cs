using System.Diagnostics;
using System.Text;

namespace Imaging.Dicom.Tests.Support;

/// <summary>The result of running an external program.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public ToolResult EnsureSuccess(string what)
    {
        if (ExitCode != 0) throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {StandardError}{StandardOutput}");
        return this;
    }
}

/// <summary>Runs reference tools (DCMTK and friends) with a timeout; the test script installs them.</summary>
public static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(Resolve(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in time");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<ToolResult> RunAsync(string program, params string[] arguments) => RunAsync(program, arguments, null);

    /// <summary>The full path of a program on PATH; fails with a clear message when it is not installed.</summary>
    public static string Resolve(string program)
    {
        if (Path.IsPathRooted(program)) return program;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"'{program}' is not installed; run the test command from the README (tests/run.sh), which installs it.");
    }
}
