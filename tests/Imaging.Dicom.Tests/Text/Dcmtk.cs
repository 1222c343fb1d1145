using System.Diagnostics;
using System.Text;

namespace Imaging.Dicom.Tests.Text;

/// <summary>Runs the DCMTK command line tools that the interop tests compare against (the test runner installs
/// dcmtk; its absence is a failure, not a skip).</summary>
internal static class Dcmtk
{
    private static readonly Lazy<string?> Missing = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "dcmdump")))
            ? null
            : "DCMTK is required by the character set interop tests but 'dcmdump' is not on PATH (install the 'dcmtk' package).");

    /// <summary>Runs <paramref name="tool"/> and returns its standard output; throws with its error output when it fails.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        if (Missing.Value is { } message) throw new InvalidOperationException(message);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish within 60 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
