using System.Diagnostics;
using System.Globalization;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Codecs.Benchmarks;

/// <summary>Decodes every frame of the given files (or folders) with the registered decoders and reports, per transfer
/// syntax, MB/s of decoded output and per-frame time.</summary>
/// <remarks>Usage: <c>Imaging.Codecs.Benchmarks [--repeat N] [--warmup N] FILE|FOLDER...</c>, or
/// <c>Imaging.Codecs.Benchmarks make-multiframe OUT FILE...</c> to join single-frame files into one multi-frame file. Files are read into memory
/// first, so only decoding is timed (the frame lookup and the decoder call, nothing else); each frame is decoded
/// <c>--repeat</c> times (default 5) after <c>--warmup</c> untimed passes over all files (default 2, so the JIT has
/// tiered up). The process's own wall time is printed last, for comparison with one DCMTK process per file.</remarks>
public static class Program
{
    public static int Main(string[] args)
    {
        var wall = Stopwatch.StartNew();
        if (args.Length >= 3 && args[0] == "make-multiframe") return MultiFrame.Make(args[1], args[2..]);
        var repeat = 5;
        var warmup = 2;
        var inputs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: inputs.Add(args[i]); break;
            }
        }
        if (inputs.Count == 0 || repeat < 1 || warmup < 0)
        {
            Console.Error.WriteLine("usage: Imaging.Codecs.Benchmarks [--repeat N] [--warmup N] FILE|FOLDER...");
            return 2;
        }

        var registry = CodecSetup.CreateRegistry();
        var files = inputs.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.dcm", SearchOption.AllDirectories) : [p])
            .Order(StringComparer.Ordinal).ToList();
        var loaded = new List<DicomPixelData>();
        foreach (var path in files)
        {
            var file = DicomFileReader.Read(path, new DicomReaderOptions { LargeValueThreshold = int.MaxValue });
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            if (pixels.IsEncapsulated && !registry.TryGetDecoder(pixels.TransferSyntax, out _))
            {
                Console.WriteLine($"# skipped {path}: no decoder for {pixels.TransferSyntax}");
                continue;
            }
            loaded.Add(pixels);
        }

        var buffer = new byte[loaded.Count == 0 ? 0 : loaded.Max(p => p.Description.FrameLength)];
        for (var pass = 0; pass < warmup; pass++)
            foreach (var pixels in loaded)
                for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f, buffer, registry);

        Console.WriteLine("syntax\tfiles\tframes\tdecoded_MB\tMB_per_s\tframe_ms_median\tframe_ms_p95\tframe_ms_min");
        foreach (var group in loaded.GroupBy(p => p.TransferSyntax.Uid).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = new List<double>();
            long bytes = 0;
            double seconds = 0;
            foreach (var pixels in group)
            {
                for (var f = 0; f < pixels.FrameCount; f++)
                {
                    for (var r = 0; r < repeat; r++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        pixels.DecodeFrame(f, buffer, registry);
                        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                        times.Add(elapsed * 1000);
                        seconds += elapsed;
                        bytes += pixels.Description.FrameLength;
                    }
                }
            }
            times.Sort();
            var name = group.First().TransferSyntax.Name;
            var frames = group.Sum(p => p.FrameCount);
            Console.WriteLine(string.Join('\t',
                $"{name} ({group.Key})",
                group.Count().ToString(CultureInfo.InvariantCulture),
                frames.ToString(CultureInfo.InvariantCulture),
                (bytes / 1e6 / repeat).ToString("F1", CultureInfo.InvariantCulture),
                (bytes / 1e6 / seconds).ToString("F1", CultureInfo.InvariantCulture),
                Percentile(times, 0.5).ToString("F3", CultureInfo.InvariantCulture),
                Percentile(times, 0.95).ToString("F3", CultureInfo.InvariantCulture),
                times[0].ToString("F3", CultureInfo.InvariantCulture)));
        }
        Console.WriteLine($"# process wall time {wall.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s (load {files.Count} files, {warmup} warm-up passes, {repeat} timed passes)");
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
