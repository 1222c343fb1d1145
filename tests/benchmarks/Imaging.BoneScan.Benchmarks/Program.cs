using System.Diagnostics;
using System.Globalization;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Tests.BoneScan.Accuracy;
using Imaging.Phantoms;

// Bone-scan accuracy and speed on generated phantoms (issue 6). Modes:
//   sweep [--scans N] [--lesions N]   sensitivity / FP per scan / structures counted over counts × contrast (20 mm), and
//                                     size × contrast at 1.5 M counts; markdown tables on stdout
//   mixed [--scans N] [--counts C]    the accuracy suite's mixed scans (15–30 mm, 2–4×, views, extravasation, joints), per scan
//   uniform [--scans N] [--counts C] [--fwhm MM] [--contrast10 C×10] [--lesions N]   one sweep cell, per scan (--lesions 0:
//                                     the same patients without lesions, the false-positive calibration)
//   speed [--studies N]               warm-up, then ms per study for the pipeline alone and for decode + pipeline
//   ideal [--scans N] [--counts C] [--fwhm MM] [--contrast10 C×10]   upper bounds: matched-filter observers that know the
//                                     lesion-free image (or its exact mirror), calibrated to 0.5 FP/scan on lesion-free scans
//   file PATH                         one DICOM file (e.g. /work/shared/testdata/nm/WG04_NM1_UNC.dcm): lesions found
var mode = args.Length > 0 ? args[0] : "sweep";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

// --opt Name=value (repeatable) overrides one BoneScanOptions property for tuning runs; RegionPeakRatio=v sets every region.
var options = BoneScanOptions.Default;
for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] != "--opt") continue;
    var (name, text) = (args[i + 1].Split('=')[0], args[i + 1].Split('=')[1]);
    if (bool.TryParse(text, out var flag))
    {
        var flagProperty = typeof(BoneScanOptions).GetProperty(name) ?? throw new ArgumentException($"no option {name}");
        options = options with { };
        flagProperty.SetValue(options, flag);
        continue;
    }
    var value = double.Parse(text, CultureInfo.InvariantCulture);
    if (name == "RegionPeakRatio")
    {
        options = options with { RegionPeakRatio = Enum.GetValues<SkeletalRegion>().ToDictionary(r => r, _ => value) };
        continue;
    }
    var property = typeof(BoneScanOptions).GetProperty(name) ?? throw new ArgumentException($"no option {name}");
    options = options with { };
    property.SetValue(options, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
}
var analyzerUnderTest = new BoneScanAnalyzer(options);

switch (mode)
{
    case "sweep": Sweep(analyzerUnderTest, Option("--scans", 6), Option("--lesions", 8)); break;
    case "mixed": Mixed(analyzerUnderTest, Option("--scans", 10), Option("--counts", 1_500_000), args.Contains("--quiet")); break;
    case "speed": Speed(options, Option("--studies", 30)); break;
    case "file": File(analyzerUnderTest, args[1]); break;
    case "uniform": Uniform(analyzerUnderTest, Option("--scans", 6), Option("--counts", 1_500_000), Option("--fwhm", 20), Option("--contrast10", 20) / 10.0, Option("--lesions", 8)); break;
    case "ideal": Imaging.BoneScan.Benchmarks.IdealObserver.Run(Option("--scans", 12), Option("--counts", 1_500_000), Option("--fwhm", 20), Option("--contrast10", 20) / 10.0, 0.5); break;
    default: Console.Error.WriteLine($"unknown mode {mode}: sweep | mixed | speed"); Environment.Exit(2); break;
}

static void Sweep(BoneScanAnalyzer analyzer, int scans, int lesions)
{
    long[] counts = [200_000, 350_000, 500_000, 750_000, 1_000_000, 1_500_000];
    double[] contrasts = [1.5, 2, 3, 4];
    double[] sizes = [10, 15, 20, 30];
    var watch = Stopwatch.StartNew();
    Console.WriteLine($"## Counts per view × contrast (20 mm FWHM, {scans} scans × {lesions} lesions per cell)");
    Console.WriteLine();
    Console.WriteLine("| counts / view | " + string.Join(" | ", contrasts.Select(c => $"{c}×: sens · FP/scan")) + " | structures counted |");
    Console.WriteLine("|---|" + string.Concat(contrasts.Select(_ => "---|")) + "---|");
    foreach (var c in counts)
    {
        var cells = contrasts.Select(contrast => Cell(analyzer, scans, i => PhantomSuite.Uniform(i, c, 20, contrast, lesions))).ToList();
        Console.WriteLine($"| {c / 1e6:0.##} M | " + string.Join(" | ", cells.Select(Format)) + $" | {cells.Sum(t => t.NonSkeletalCounted)} |");
    }
    Console.WriteLine();
    Console.WriteLine($"## Lesion size × contrast (1.5 M counts per view, {scans} scans × {lesions} lesions per cell)");
    Console.WriteLine();
    Console.WriteLine("| FWHM | " + string.Join(" | ", contrasts.Select(c => $"{c}×: sens · FP/scan")) + " | structures counted |");
    Console.WriteLine("|---|" + string.Concat(contrasts.Select(_ => "---|")) + "---|");
    var bySize = new List<(double Size, List<AccuracyTotals> Cells)>();
    foreach (var size in sizes)
    {
        var cells = contrasts.Select(contrast => Cell(analyzer, scans, i => PhantomSuite.Uniform(i, 1_500_000, size, contrast, lesions))).ToList();
        bySize.Add((size, cells));
        Console.WriteLine($"| {size} mm | " + string.Join(" | ", cells.Select(Format)) + $" | {cells.Sum(t => t.NonSkeletalCounted)} |");
    }
    Console.WriteLine();
    // The same lesions again, grouped by what the noiseless image shows (truth peak ratio, the better view) instead of the
    // drawn activity contrast: the camera blur and overlapping bone turn a drawn 2× into 1.2–1.8× imaged.
    double[] edges = [0, 1.3, 1.5, 2, 3, double.PositiveInfinity];
    Console.WriteLine($"## Sensitivity by imaged peak ratio (1.5 M counts per view; the lesions of the table above, all drawn contrasts pooled)");
    Console.WriteLine();
    Console.WriteLine("| FWHM | " + string.Join(" | ", Enumerable.Range(0, edges.Length - 1).Select(b => Bin(edges[b], edges[b + 1]))) + " |");
    Console.WriteLine("|---|" + string.Concat(Enumerable.Range(0, edges.Length - 1).Select(_ => "---|")));
    foreach (var (size, cells) in bySize)
        Console.WriteLine($"| {size} mm | " + string.Join(" | ", Enumerable.Range(0, edges.Length - 1).Select(b => Imaged(cells, edges[b], edges[b + 1]))) + " |");
    var large = bySize.Where(s => s.Size >= 15).SelectMany(s => s.Cells).ToList();
    Console.WriteLine();
    Console.WriteLine($"FWHM ≥ 15 mm, imaged peak ratio ≥ 2×: {Imaged(large, 2, double.PositiveInfinity)}; drawn contrast ≥ 2×: " +
        $"{Percent(large.Where((_, i) => contrasts[i % contrasts.Length] >= 2).Sum(t => t.Found), large.Where((_, i) => contrasts[i % contrasts.Length] >= 2).Sum(t => t.Lesions))}");
    Console.WriteLine();
    Console.WriteLine($"({watch.Elapsed.TotalSeconds:0} s)");

    static string Format(AccuracyTotals t) => $"{t.Sensitivity * 100:0}% · {t.FalsePositivesPerScan:0.00}";

    static string Bin(double from, double to) => double.IsPositiveInfinity(to) ? $"≥ {from}×" : from == 0 ? $"< {to}×" : $"{from}–{to}×";
}

static string Imaged(IEnumerable<AccuracyTotals> cells, double from, double to)
{
    int found = 0, total = 0;
    foreach (var cell in cells)
    {
        var (f, t) = cell.InImagedRange(from, to);
        found += f;
        total += t;
    }
    return Percent(found, total);
}

static string Percent(int found, int total) => total == 0 ? "–" : $"{100.0 * found / total:0}% ({found}/{total})";

static AccuracyTotals Cell(BoneScanAnalyzer analyzer, int scans, Func<int, BoneScanPhantomOptions> options)
{
    var totals = new AccuracyTotals();
    for (var i = 0; i < scans; i++) totals.Add(PhantomSuite.Run(options(i), analyzer).Score);
    return totals;
}

static void Mixed(BoneScanAnalyzer analyzer, int scans, long counts, bool quiet)
{
    var totals = new AccuracyTotals();
    for (var i = 0; i < scans; i++)
    {
        var options = PhantomSuite.Mixed(i, counts);
        var (findings, score) = PhantomSuite.Run(options, analyzer);
        totals.Add(score);
        if (quiet) continue;
        Console.WriteLine($"scan {i} (seed {options.Seed}, {options.PatientHeightMm} mm): {score.Describe()}");
        foreach (var e in findings.Excluded) Console.WriteLine($"    excluded {e.Reason} ({e.X},{e.Y}) {e.Note}");
    }
    Console.WriteLine(totals + $"; imaged peak ratio ≥ 2×: {Imaged([totals], 2, double.PositiveInfinity)}, < 2×: {Imaged([totals], 0, 2)}");
}

static void Uniform(BoneScanAnalyzer analyzer, int scans, long counts, double fwhm, double contrast, int lesions)
{
    var totals = new AccuracyTotals();
    for (var i = 0; i < scans; i++)
    {
        var (_, score) = PhantomSuite.Run(PhantomSuite.Uniform(i, counts, fwhm, contrast, lesions), analyzer);
        totals.Add(score);
        Console.WriteLine($"scan {i}: {score.Describe()}");
    }
    Console.WriteLine(totals + $"; imaged peak ratio ≥ 2×: {Imaged([totals], 2, double.PositiveInfinity)}, < 2×: {Imaged([totals], 0, 2)}");
}

static void File(BoneScanAnalyzer analyzer, string path)
{
    var bytes = System.IO.File.ReadAllBytes(path);
    var input = Imaging.Analysis.Metadata.SeriesMetadataExtractor.Extract(
        [Imaging.Analysis.InstanceFile.FromStream(Path.GetFileName(path), () => new MemoryStream(bytes, writable: false))], CancellationToken.None);
    var findings = analyzer.Analyze(input, CancellationToken.None);
    Console.WriteLine($"{path}: {findings.LesionCount} lesions");
    foreach (var l in findings.Lesions) Console.WriteLine($"    {l.Region} ({l.X},{l.Y}) r{l.PeakRatio} {l.AreaMm2} mm² {string.Join('+', l.Views)}");
}

static void Speed(BoneScanOptions options, int studies)
{
    // Four different patients, loaded (decoded) once; the pipeline is timed on them in turn (--opt applies, for A/B runs).
    var analyzer = new BoneScanAnalyzer(options);
    var inputs = Enumerable.Range(0, 4).Select(i => PhantomSuite.Input(BoneScanPhantom.Generate(PhantomSuite.Mixed(i)))).ToList();
    var loaded = inputs.Select(input => BoneScanStudyLoader.Load(input, null, CancellationToken.None)).ToList();
    for (var i = 0; i < 10; i++)
    {
        BoneScanPipeline.Analyze(loaded[i % loaded.Count], options, "warm-up", CancellationToken.None);
        analyzer.Analyze(inputs[i % inputs.Count], CancellationToken.None);
    }
    var pipeline = new List<double>();
    var whole = new List<double>();
    for (var i = 0; i < studies; i++)
    {
        var watch = Stopwatch.StartNew();
        BoneScanPipeline.Analyze(loaded[i % loaded.Count], options, "timed", CancellationToken.None);
        pipeline.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        analyzer.Analyze(inputs[i % inputs.Count], CancellationToken.None);
        whole.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"pipeline (loaded views → findings): mean {pipeline.Average():0.0} ms, median {Median(pipeline):0.0} ms, min {pipeline.Min():0.0} ms over {studies} studies");
    Console.WriteLine($"analyzer (DICOM bytes → findings):  mean {whole.Average():0.0} ms, median {Median(whole):0.0} ms, min {whole.Min():0.0} ms over {studies} studies");

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
