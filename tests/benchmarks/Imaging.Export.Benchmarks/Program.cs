// Research export throughput (issue 9): seeds N synthetic CT instances (512x512, 16-bit, ~150 attributes, from the
// shared CT template) into a SQLite store and blob folder, then exports them to a folder and to a ZIP (entries stored)
// and prints instances/s and MB/s of DICOM written. Target: >= 500 CT instances/s on the 2-core machine.
// Usage: Imaging.Export.Benchmarks <work dir> [--count N] [--workers N] [--runs R] [--template FILE] [--cheap]
using System.Diagnostics;
using System.Globalization;
using Imaging.Deidentification;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Export;
using Imaging.Export.Benchmarks;
using Imaging.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

if (args.Length < 1 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: Imaging.Export.Benchmarks <work dir> [--count N] [--workers N] [--runs R] [--template FILE] [--cheap]");
    return 2;
}
var work = Path.GetFullPath(args[0]);
var count = 2000;
var workers = 0;
var runs = 3;
string? template = null;
var cheap = false;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--workers": workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--template": template = args[++i]; break;
        case "--cheap": cheap = true; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}
template ??= Seeder.DefaultTemplate();
var pseudonymizer = new Pseudonymizer("export-benchmark-key-0123456789abcdef"u8.ToArray());

// The real PS3.15 basic profile by default; --cheap swaps in the benchmark double (UIDs and patient ID remapped,
// nothing else) so the export pipeline's own cost can be told apart from the de-identifier's.
IDeidentifierFactory factory = cheap ? new CheapDeidentifierFactory(pseudonymizer) : new DeidentifierFactory(pseudonymizer);
var deidentifierName = cheap
    ? "CheapDeidentifier (BENCHMARK DOUBLE: remaps UIDs and patient ID only; pipeline overhead)"
    : "DeidentifierFactory (real PS3.15 basic profile)";

Directory.CreateDirectory(work);
await using var store = new SqliteImagingStore(Path.Combine(work, "index.db"));
await store.MigrateAsync(CancellationToken.None);
var blobs = new FileSystemBlobStore(Path.Combine(work, "blobs"));

var seeding = Stopwatch.StartNew();
var seeded = await Seeder.SeedAsync(store, blobs, template, count);
Console.WriteLine($"seeded {count} CT instances ({seeded.Attributes} attributes, {seeded.Bytes / count / 1024} KiB each, " +
    $"{seeded.Patients} patients, {seeded.Studies} studies) in {seeding.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"de-identifier: {deidentifierName}");
var options = new ExportRunnerOptions { Workers = workers };
Console.WriteLine($"workers: {(workers > 0 ? workers : Environment.ProcessorCount)} (processors {Environment.ProcessorCount})");

var runner = new ExportRunner(store, blobs, factory, pseudonymizer, null, TimeProvider.System, Options.Create(options),
    NullLogger<ExportRunner>.Instance);
var selection = new ExportSelection([], ["CT"]);
foreach (var kind in new[] { "folder", "zip" })
{
    for (var run = 1; run <= runs; run++)
    {
        var output = Path.Combine(work, kind == "zip" ? $"export-{run}.zip" : $"export-{run}");
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(new ExportRequest(selection, output, DeidentificationOptions.Parse("basic"), "benchmark"), null,
            CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        // CPU time is what a loaded, shared machine cannot distort: cores / (CPU per instance) is the idle-machine rate.
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / result.Exported;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-6} run {run}: {result.Exported} instances in {seconds:F2} s = {result.Exported / seconds,7:F0} instances/s, " +
            $"{result.BytesWritten / seconds / 1e6,6:F0} MB/s; CPU {cpuMs:F2} ms/instance = {Environment.ProcessorCount * 1000 / cpuMs,6:F0} instances/s " +
            $"if every core were ours (failed {result.Failed}, quarantined {result.Quarantined}, load {LoadAverage()})"));
        if (kind == "zip") File.Delete(output);
        else Directory.Delete(output, recursive: true);
    }
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
