using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Imaging.Dicom.Benchmarks;

/// <summary>
/// Imaging.Dicom benchmarks (not a test project; never run by `dotnet test`).
/// <code>
///   Imaging.Dicom.Benchmarks generate [--ct-only] [--data DIR] build the cached data set (400 CT + two 1 GiB files)
///   Imaging.Dicom.Benchmarks --scripted MODE ... [--data DIR]  plain timings for run-scripted.sh (see Scripted)
///   Imaging.Dicom.Benchmarks [--data DIR] [BenchmarkDotNet args, e.g. --filter '*']
/// </code>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        args = TakeDataOption(args);
        if (args.Length > 0 && args[0] == "--scripted") return Scripted.Run(args[1..]);
        if (args.Length > 0 && args[0] == "generate") return Generate(ctOnly: args.Contains("--ct-only"));
        return RunBenchmarkDotNet(args);
    }

    /// <summary>`--data DIR` sets the cache folder through the environment, so BenchmarkDotNet's child processes see it too.</summary>
    private static string[] TakeDataOption(string[] args)
    {
        var i = Array.IndexOf(args, "--data");
        if (i < 0) return args;
        if (i + 1 >= args.Length) throw new ArgumentException("--data needs a folder");
        Environment.SetEnvironmentVariable(BenchData.DataEnvironmentVariable, Path.GetFullPath(args[i + 1]));
        return [.. args[..i], .. args[(i + 2)..]];
    }

    private static int Generate(bool ctOnly)
    {
        var ct = BenchData.EnsureCt(Console.Out);
        var (total, average) = BenchData.CtSizes(ct);
        Console.WriteLine($"ct400: {ct.Length} files, {total} bytes (average {average:0} bytes) in {BenchData.CtFolder}");
        if (ctOnly) return 0;
        foreach (var kind in Enum.GetValues<LargeKind>())
        {
            var path = BenchData.EnsureLarge(kind, Console.Out);
            Console.WriteLine($"{kind}: {path} ({new FileInfo(path).Length} bytes)");
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunBenchmarkDotNet(string[] args)
    {
        // Data first, in this process: the per-file columns need the average file size, and generation must not be timed.
        var ct = BenchData.EnsureCt(Console.Out);
        var (_, average) = BenchData.CtSizes(ct);
        foreach (var kind in Enum.GetValues<LargeKind>()) BenchData.EnsureLarge(kind, Console.Out);

        var config = DefaultConfig.Instance
            .AddColumn(new ThroughputColumn("Files/s", megabytes: false, average))
            .AddColumn(new ThroughputColumn("MB/s", megabytes: true, average))
            .WithArtifactsPath(Path.Combine(BenchData.Root, "BenchmarkDotNet.Artifacts"))
            // The generated boilerplate project is built per run; on a busy 2-core machine that can exceed the 2-minute default.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
