using System.Diagnostics;

namespace Imaging.Api.Tests.DicomWeb;

/// <summary>The shared corpus (IMAGING_TESTDATA, else ../shared/testdata beside the repository) and running a DCMTK tool.</summary>
public static class SharedTestData
{
    public static string Root
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("IMAGING_TESTDATA");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Imaging.sln"))) dir = dir.Parent;
            var path = Path.GetFullPath(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Imaging.sln not found"), "..", "shared", "testdata"));
            if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"Test corpus not found at {path}; set IMAGING_TESTDATA.");
            return path;
        }
    }

    /// <summary>Runs a tool to completion (60 s at most); stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
