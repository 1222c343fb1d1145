using System.Diagnostics;
using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Benchmarks;

/// <summary>`--scripted MODE ...`: plain Stopwatch measurements in a fresh process, printed as key=value lines for
/// tests/benchmarks/run-scripted.sh. Nothing here uses BenchmarkDotNet, so its assemblies are never loaded.</summary>
public static class Scripted
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        if (args.Length == 0) return Usage();
        var mode = args[0];
        var rest = args[1..];
        return mode switch
        {
            "noop" => Noop(),
            "parse" => ParseFiles(rest),
            "parse-all" => ParseAll(rest),
            "header" => Header(rest),
            "serve-store" => ServeStore.Run(rest),
            "series-copy" => SeriesCopy.Run(rest),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            --scripted noop                         start the runtime, read nothing (baseline for peak RSS)
            --scripted parse FILE...                header-parse the files once, print nothing (one-process-per-file runs)
            --scripted parse-all [--full|--stop-before-pixels] [--repeat N]
                                                    parse the 400 CT files: first pass (cold) + N warm passes
            --scripted header FILE [--repeat N]     header read of one (large) file: time, allocations, peak RSS
            --scripted serve-store --out DIR [--port N] [--aet AE] [--max-pdu BYTES]
                                                    host our C-STORE SCP (fsync before response) for run-ingest.sh
                                                    and run-limits.sh; "stats" on stdin prints response times
            --scripted series-copy --out DIR --seed TEXT [--count N]
                                                    the CT files as a new study and series (UIDs from the seed),
                                                    for run-pipeline.sh
            """);
        return 2;
    }

    /// <summary>Runtime start-up only: the floor under every peak RSS number.</summary>
    private static int Noop()
    {
        Print("startup_ms", StartupMs());
        PrintMemory();
        return 0;
    }

    private static int ParseFiles(string[] files)
    {
        var n = 0;
        foreach (var f in files) n += DicomFileReader.Read(f).Dataset.Count;
        return n > 0 ? 0 : 1;
    }

    private static int ParseAll(string[] args)
    {
        var full = args.Contains("--full");
        var stopBeforePixels = args.Contains("--stop-before-pixels");
        var repeat = IntOption(args, "--repeat", 10);
        var options = full
            ? new DicomReaderOptions { LargeValueThreshold = int.MaxValue }
            : stopBeforePixels ? new DicomReaderOptions { StopBeforeTag = DicomTag.PixelData } : DicomReaderOptions.Default;
        var startup = StartupMs();
        var files = BenchData.EnsureCt(Console.Error);
        var (totalBytes, _) = BenchData.CtSizes(files);

        // First pass: what a CLI run pays (JIT included), in this fresh process.
        var cpu0 = CpuMs();
        var sw = Stopwatch.StartNew();
        var count = 0;
        foreach (var f in files) count += DicomFileReader.Read(f, options).Dataset.Count;
        var first = sw.Elapsed.TotalMilliseconds;
        var firstCpu = CpuMs() - cpu0;

        // Warm passes: steady state in process.
        var times = new double[repeat];
        var cpu1 = CpuMs();
        var allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        for (var r = 0; r < repeat; r++)
        {
            sw.Restart();
            foreach (var f in files) count += DicomFileReader.Read(f, options).Dataset.Count;
            times[r] = sw.Elapsed.TotalMilliseconds;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        var warmCpu = (CpuMs() - cpu1) / Math.Max(repeat, 1);
        Array.Sort(times);
        var median = repeat == 0 ? double.NaN : times[repeat / 2];

        Print("mode", full ? "full" : stopBeforePixels ? "stop-before-pixels" : "header-only");
        Print("files", files.Length);
        Print("total_bytes", totalBytes);
        Print("startup_ms", startup);
        Print("first_pass_ms", first);
        Print("first_pass_cpu_ms", firstCpu);
        Print("first_pass_files_per_s", files.Length / (first / 1000));
        Print("warm_passes", repeat);
        Print("warm_min_ms", repeat == 0 ? double.NaN : times[0]);
        Print("warm_median_ms", median);
        Print("warm_cpu_ms_per_pass", warmCpu);
        Print("warm_files_per_s", files.Length / (median / 1000));
        Print("warm_mb_per_s", totalBytes / 1e6 / (median / 1000));
        Print("warm_alloc_bytes_per_file", repeat == 0 ? 0 : allocated / ((double)repeat * files.Length));
        Print("warm_gen0_collections", GC.CollectionCount(0) - gen0);
        Print("warm_gen2_collections", GC.CollectionCount(2) - gen2);
        Print("attributes_seen", count);
        PrintMemory();
        return 0;
    }

    private static int Header(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        var path = args[0];
        var repeat = IntOption(args, "--repeat", 0);
        var startup = StartupMs();
        var rssBefore = ReadStatusKb("VmRSS");

        var cpu0 = CpuMs();
        var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var file = DicomFileReader.Read(path);
        var first = sw.Elapsed.TotalMilliseconds;
        var firstCpu = CpuMs() - cpu0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
        var hwmAfterFirst = ReadStatusKb("VmHWM");
        var pixels = file.Dataset.GetElement(DicomTag.PixelData);

        Print("file", path);
        Print("file_bytes", new FileInfo(path).Length);
        Print("startup_ms", startup);
        Print("first_read_ms", first);
        Print("first_read_cpu_ms", firstCpu);
        Print("first_read_alloc_bytes", allocated);
        Print("attributes_total", CountAll(file.Dataset));
        Print("pixel_data_deferred", pixels is { Buffer.IsLoaded: false });
        Print("pixel_data_bytes", pixels?.Length ?? -1);
        Print("rss_before_read_kb", rssBefore);
        Print("hwm_after_first_read_kb", hwmAfterFirst);
        Print("gc_heap_after_first_read_bytes", GC.GetTotalMemory(forceFullCollection: false));

        if (repeat > 0)
        {
            var times = new double[repeat];
            var cpu1 = CpuMs();
            for (var r = 0; r < repeat; r++)
            {
                sw.Restart();
                GC.KeepAlive(DicomFileReader.Read(path));
                times[r] = sw.Elapsed.TotalMilliseconds;
            }
            var warmCpu = (CpuMs() - cpu1) / repeat;
            Array.Sort(times);
            Print("warm_cpu_ms_per_read", warmCpu);
            Print("warm_reads", repeat);
            Print("warm_min_ms", times[0]);
            Print("warm_median_ms", times[repeat / 2]);
        }
        GC.KeepAlive(file);
        PrintMemory();
        return 0;
    }

    /// <summary>Attributes at every depth, items counted as one each.</summary>
    public static int CountAll(DicomDataset dataset)
    {
        var n = 0;
        foreach (var a in dataset)
        {
            n++;
            if (a is DicomSequence s)
                foreach (var item in s.Items) n += 1 + CountAll(item);
        }
        return n;
    }

    /// <summary>CPU time (user + system, all threads: the JIT's background compiles included) of this process so far.
    /// Far less sensitive than wall time to other processes competing for the two cores.</summary>
    private static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static double StartupMs() =>
        (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;

    private static void PrintMemory()
    {
        Print("vm_rss_kb", ReadStatusKb("VmRSS"));
        Print("vm_hwm_kb", ReadStatusKb("VmHWM"));
    }

    /// <summary>A "Key: N kB" line of /proc/self/status (Linux), or -1.</summary>
    private static long ReadStatusKb(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal)) continue;
            var digits = line[(key.Length + 1)..].Trim().Split(' ')[0];
            return long.TryParse(digits, NumberStyles.Integer, Inv, out var kb) ? kb : -1;
        }
        return -1;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, Inv, out var v) ? v : fallback;
    }

    private static void Print(string key, object value)
    {
        var text = value switch
        {
            double d => d.ToString("0.###", Inv),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, Inv),
            _ => value.ToString(),
        };
        Console.WriteLine($"{key}={text}");
    }
}
