using System.Diagnostics;
using System.Globalization;
using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Ct;
using Imaging.Analysis.Spine.Measurement;
using Imaging.Analysis.Spine.Volume;
using Imaging.Phantoms.Spine;

// Spine CT speed (issue 7: a 300-slice 512 × 512 series analysed in under 5 s). Writes one SpineCtPhantom series to a temp
// folder (or --data DIR, reused when it already holds the slices), then times, after --warmup runs, --runs repetitions of:
//   stages  CtVolumeLoader.LoadAsync (load), CtBodyFinder.Find (steps 2–4), VertebralBodyMeasurer.Measure + GenantGrader
//           (measurement), each wall and process CPU
//   whole   SpineAnalyzer.AnalyzeCtAsync from the files (what the worker runs), wall and process CPU
// and prints medians. --json FILE writes the findings JSON of the last whole run (to compare results before/after a change).
// phantom [--runs N]: times SpineCtPhantom.Generate of the test suite's default phantom (T1–S1, 256², 2 mm; with a fracture
// and cement) instead, and prints a hash of what it generated (the same before and after a speed-up of the generator).
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "analysis";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

var runs = Option("--runs", 5);
var warmup = Option("--warmup", 1);
switch (mode)
{
    case "analysis": await Analysis(runs, warmup, Text("--data"), Text("--json")); break;
    case "phantom": Phantom(runs); break;
    default: Console.Error.WriteLine($"unknown mode {mode}: analysis | phantom"); Environment.Exit(2); break;
}

static async Task Analysis(int runs, int warmup, string? data, string? json)
{
    // 0.7 mm pixels and 1.7 mm slices put T1–S1 (≈ 516 mm) on 304 slices of 512 × 512, the issue's "300-slice 512²" series.
    var options = new SpineCtPhantomOptions { Seed = 11, Rows = 512, Columns = 512, PixelSpacingMm = 0.7, SliceSpacingMm = 1.7, SliceThicknessMm = 1.7 };
    var folder = data ?? Path.Combine(Path.GetTempPath(), $"spine-bench-{Environment.ProcessId}");
    var owned = data is null;
    try
    {
        var paths = Directory.Exists(folder) ? Directory.GetFiles(folder, "spinect-*.dcm").Order(StringComparer.Ordinal).ToList() : [];
        if (paths.Count == 0)
        {
            var watch = Stopwatch.StartNew();
            var study = SpineCtPhantom.Generate(options);
            paths = [.. await study.WriteAsync(folder)];
            Console.WriteLine($"phantom: {paths.Count} slices of {options.Rows} × {options.Columns} written to {folder} in {watch.Elapsed.TotalSeconds:0.0} s");
        }
        var input = SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None);
        var analyzer = new SpineAnalyzer();
        var stages = new Dictionary<string, List<(double Wall, double Cpu)>>
        {
            ["load"] = [], ["steps 2–4"] = [], ["measurement"] = [], ["stages total"] = [], ["whole AnalyzeCtAsync"] = [],
        };
        string? volumeSize = null;
        SpineFindings? last = null;
        for (var run = -warmup; run < runs; run++)
        {
            var timed = new List<(string Stage, double Wall, double Cpu)>();
            var total = Clock.Start();
            var clock = Clock.Start();
            var volume = await CtVolumeLoader.LoadAsync(input);
            timed.Add(("load", clock.Wall, clock.Cpu));
            volumeSize = $"{volume.SizeX} × {volume.SizeY} × {volume.SizeZ}";
            clock = Clock.Start();
            var found = CtBodyFinder.Find(volume);
            timed.Add(("steps 2–4", clock.Wall, clock.Cpu));
            clock = Clock.Start();
            if (found.Labels is not null)
            {
                var measured = VertebralBodyMeasurer.Measure(volume, found.Labels, refineWithHu: true, SpineAnalysisOptions.Default, CancellationToken.None);
                GenantGrader.GradeAll(measured, SpineAnalysisOptions.Default, []);
            }
            timed.Add(("measurement", clock.Wall, clock.Cpu));
            timed.Add(("stages total", total.Wall, total.Cpu));
            volume = null;
            found = null;
            GC.Collect();
            clock = Clock.Start();
            last = await analyzer.AnalyzeCtAsync(input, CancellationToken.None);
            timed.Add(("whole AnalyzeCtAsync", clock.Wall, clock.Cpu));
            GC.Collect();
            var label = run < 0 ? "warm-up" : $"run {run + 1}";
            Console.WriteLine($"{label}: " + string.Join(", ", timed.Select(t => $"{t.Stage} {t.Wall:0.00} s ({t.Cpu:0.00} s CPU)")));
            if (run >= 0) foreach (var (stage, wall, cpu) in timed) stages[stage].Add((wall, cpu));
        }
        Console.WriteLine();
        Console.WriteLine($"## {paths.Count} × {options.Rows}² → {volumeSize}, {last?.Vertebrae.Count} vertebrae ({string.Join(" ", last?.Vertebrae.Select(v => v.Level) ?? [])}), median of {runs} after {warmup} warm-up");
        Console.WriteLine();
        Console.WriteLine("| stage | wall (median, min–max) | process CPU (median) |");
        Console.WriteLine("|---|---|---|");
        foreach (var (stage, values) in stages)
        {
            if (values.Count == 0) continue;
            Console.WriteLine($"| {stage} | {Median(values.Select(v => v.Wall)):0.00} s ({values.Min(v => v.Wall):0.00}–{values.Max(v => v.Wall):0.00}) | {Median(values.Select(v => v.Cpu)):0.00} s |");
        }
        if (json is not null && last is not null)
        {
            await File.WriteAllTextAsync(json, AnalyzerFindings.FromValue(last, SpineJsonContext.Default.SpineFindings).PayloadJson);
            Console.WriteLine($"findings JSON: {json}");
        }
    }
    finally
    {
        if (owned && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

static void Phantom(int runs)
{
    var times = new List<(double Wall, double Cpu)>();
    for (var run = -1; run < runs; run++)
    {
        var clock = Clock.Start();
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions { Seed = 3, CementLevels = ["L1"], Fractures = [new("T5", VertebralFractureType.Wedge, 30)] });
        if (run >= 0) times.Add((clock.Wall, clock.Cpu));
        Console.WriteLine($"{(run < 0 ? "warm-up" : $"run {run + 1}")}: {study.Instances.Count} slices in {clock.Wall:0.00} s ({clock.Cpu:0.00} s CPU)");
        if (run < 0) Console.WriteLine($"content SHA-256 (every slice's Part 10 bytes and the truth JSON; must not change with a speed-up): {Hash(study)}");
    }
    Console.WriteLine($"phantom (T1–S1, 256², 2 mm): median {Median(times.Select(t => t.Wall)):0.00} s wall, {Median(times.Select(t => t.Cpu)):0.00} s CPU over {runs}");
}

static string Hash(SpineCtStudy study)
{
    using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    for (var i = 0; i < study.Instances.Count; i++) sha.AppendData(study.ToBytes(i));
    sha.AppendData(System.Text.Encoding.UTF8.GetBytes(study.GroundTruthJson()));
    return Convert.ToHexString(sha.GetHashAndReset());
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>Wall time and this process's CPU time since it started.</summary>
internal readonly struct Clock
{
    private readonly long _start;
    private readonly TimeSpan _cpu;

    private Clock(long start, TimeSpan cpu) => (_start, _cpu) = (start, cpu);

    public static Clock Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    public double Wall => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public double Cpu => (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;
}
