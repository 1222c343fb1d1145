using System.Diagnostics;
using System.Globalization;
using Imaging.Deidentification;
using Imaging.Dicom.IO;

// Usage: Imaging.Deidentification.Benchmarks [CT file] [iterations] [profile]
// Parses the CT from memory each round (so every round de-identifies a fresh dataset), then times three loops on one
// thread: parse only; parse + de-identify; parse + de-identify + write to memory. De-identification alone is the
// difference of the first two. Each loop runs a warm-up round first.
var path = args.Length > 0 ? args[0] : FindCorpusFile("ct_mr/CT_LCTSC_chest_TCIA.dcm");
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var profile = args.Length > 2 ? args[2] : "basic,retain-longitudinal-modified-dates";
var bytes = File.ReadAllBytes(path);
var deidentifier = new DeidentifierFactory(new Pseudonymizer("benchmark-research-key-0123456789"u8.ToArray()))
    .Create(DeidentificationOptions.Parse(profile));
var probe = DicomFileReader.Read(new MemoryStream(bytes));
Console.WriteLine($"file {Path.GetFileName(path)}: {bytes.Length} bytes, {probe.Dataset.Count} top-level attributes, profile {profile}, {iterations} rounds, 1 thread");

var parse = Time("parse", iterations, () => DicomFileReader.Read(new MemoryStream(bytes)));
var deid = Time("parse + deidentify", iterations, () =>
{
    var file = DicomFileReader.Read(new MemoryStream(bytes));
    if (deidentifier.Deidentify(file.Dataset).Quarantined) throw new InvalidOperationException("quarantined");
});
var output = new MemoryStream(bytes.Length + 4096);
var full = Time("parse + deidentify + write", iterations, () =>
{
    var file = DicomFileReader.Read(new MemoryStream(bytes));
    deidentifier.Deidentify(file.Dataset);
    output.SetLength(0);
    DicomFileWriter.Write(output, DeidentifiedFile.WithFreshMeta(file));
});
Console.WriteLine(FormattableString.Invariant($"deidentify alone (difference): {(deid - parse) * 1000:F3} ms per instance"));

// De-identification alone on datasets parsed beforehand (batches of 250, parsing not timed).
var batch = new List<DicomFile>(250);
var timed = TimeSpan.Zero;
var cpuTimed = TimeSpan.Zero;
var rounds = 0;
while (rounds < iterations)
{
    batch.Clear();
    for (var i = 0; i < 250; i++) batch.Add(DicomFileReader.Read(new MemoryStream(bytes)));
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    foreach (var file in batch) deidentifier.Deidentify(file.Dataset);
    watch.Stop();
    cpuTimed += Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
    timed += watch.Elapsed;
    rounds += batch.Count;
}
Console.WriteLine(FormattableString.Invariant($"{"deidentify (pre-parsed)",-28} {timed.TotalMilliseconds / rounds,8:F3} ms/instance wall, {cpuTimed.TotalMilliseconds / rounds,8:F3} ms CPU"));
Console.WriteLine(FormattableString.Invariant($"read + deidentify + write: {1 / full:F0} instances/s on one core"));

static double Time(string name, int iterations, Action round)
{
    for (var i = 0; i < Math.Min(200, iterations); i++) round();
    GC.Collect();
    var stopwatch = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < iterations; i++) round();
    stopwatch.Stop();
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var perRound = stopwatch.Elapsed.TotalSeconds / iterations;
    Console.WriteLine(FormattableString.Invariant($"{name,-28} {perRound * 1000,8:F3} ms/instance wall, {cpuSeconds / iterations * 1000,8:F3} ms CPU"));
    return perRound;
}

static string FindCorpusFile(string relative)
{
    var fromEnv = Environment.GetEnvironmentVariable("IMAGING_TESTDATA");
    if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(fromEnv, relative);
    // From the working directory first (a Release build may sit outside the repository), then from the binary.
    DirectoryInfo? dir = null;
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Imaging.sln"))) dir = dir.Parent;
        if (dir is not null) break;
    }
    if (dir is null) throw new InvalidOperationException("Cannot find Imaging.sln; pass the CT file as the first argument.");
    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", relative));
}
