using System.Diagnostics;
using System.Globalization;
using System.Net;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Benchmarks;

/// <summary>`--scripted serve-store --out DIR [--port N] [--aet AE] [--max-pdu BYTES] [--discard]`: hosts our <see cref="DicomServer"/>
/// with <see cref="FileSystemCStoreProvider"/> (fsync before the response) on loopback for tests/benchmarks/run-ingest.sh
/// and run-limits.sh. Prints `port=N` once listening; on a line "stats" on stdin prints the provider's counters and the
/// server's C-STORE response times (<see cref="DicomServerMetrics"/>), and resets them; stops at end of stdin.</summary>
internal static class ServeStore
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var outDir = Option(args, "--out") ?? throw new ArgumentException("--out DIR is required");
        var port = int.Parse(Option(args, "--port") ?? "0", Inv);
        var aet = Option(args, "--aet") ?? "IMAGING";
        var policy = new AssociationPolicy { CalledAETitles = [aet], AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage() };
        var maxPdu = Option(args, "--max-pdu") is { } m ? uint.Parse(m, Inv) : policy.MaximumPduLength;   // default: the library's
        // --discard (diagnostic): answer Success without keeping anything; the data set is still streamed to the temporary
        // file (no fsync) and deleted by the server: the network and write path without the provider's durability work.
        var discard = args.Contains("--discard");
        ICStoreProvider inner = discard ? new DiscardStoreProvider(outDir) : new FileSystemCStoreProvider(outDir);
        var store = new TimingStoreProvider(inner);
        using var responseTimes = new ResponseTimeListener();
        var options = new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = port,
            Policy = policy with { MaximumPduLength = maxPdu },
            StoreProvider = store,
            // The diagnostic keeps nothing, so its files are not synced either.
            SyncReceivedFiles = !discard,
        };
        var server = new DicomServer(options);
        server.Start();
        Console.WriteLine($"port={server.LocalEndPoint.Port}");
        Console.WriteLine($"max_pdu={maxPdu}");
        Console.Out.Flush();
        string? line;
        while ((line = Console.ReadLine()) != null)
        {
            if (line.Trim() == "stats")
            {
                responseTimes.PrintAndReset();
                store.PrintAndReset();
                Console.Out.Flush();
            }
        }
        server.StopAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class DiscardStoreProvider : ICStoreProvider
    {
        public DiscardStoreProvider(string root)
        {
            IncomingDirectory = Path.Combine(Path.GetFullPath(root), ".incoming");
            Directory.CreateDirectory(IncomingDirectory);
        }

        public string IncomingDirectory { get; }

        public ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(DimseStatus.Success);
    }

    /// <summary>Collects the server's own C-STORE response times: last PDV received to response flushed.</summary>
    private sealed class ResponseTimeListener : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<double> _ms = [];
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();

        public ResponseTimeListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DicomServerMetrics.MeterName && instrument.Name == DicomServerMetrics.CStoreResponseTimeName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_gate) _ms.Add(value);
            });
            _listener.Start();
        }

        public void PrintAndReset()
        {
            double[] ms;
            lock (_gate) { ms = [.. _ms]; _ms.Clear(); }
            Array.Sort(ms);
            Console.WriteLine($"responses={ms.Length}");
            Console.WriteLine(string.Create(Inv, $"response_p50_ms={TimingStoreProvider.Percentile(ms, 0.50):0.###}"));
            Console.WriteLine(string.Create(Inv, $"response_p99_ms={TimingStoreProvider.Percentile(ms, 0.99):0.###}"));
            Console.WriteLine(string.Create(Inv, $"response_max_ms={(ms.Length == 0 ? double.NaN : ms[^1]):0.###}"));
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Counts stores and times the provider step (validate, fsync, rename, fsync directories): the part of
    /// each C-STORE that happens after the data set is on disk and before the response is sent.</summary>
    private sealed class TimingStoreProvider(ICStoreProvider inner) : ICStoreProvider
    {
        private readonly Lock _gate = new();
        private readonly List<double> _ms = [];
        private long _cpu0 = CpuTicks();
        private long _gen0 = GC.CollectionCount(0), _gen2 = GC.CollectionCount(2), _alloc0 = GC.GetTotalAllocatedBytes();

        public string IncomingDirectory => inner.IncomingDirectory;

        public async ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
        {
            var t0 = Stopwatch.GetTimestamp();
            var status = await inner.OnCStoreAsync(request, cancellationToken).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            lock (_gate) _ms.Add(ms);
            return status;
        }

        public void PrintAndReset()
        {
            double[] ms;
            lock (_gate) { ms = [.. _ms]; _ms.Clear(); }
            Array.Sort(ms);
            var cpu = CpuTicks();
            var alloc = GC.GetTotalAllocatedBytes();
            Console.WriteLine($"stores={ms.Length}");
            Console.WriteLine(string.Create(Inv, $"provider_p50_ms={Percentile(ms, 0.50):0.###}"));
            Console.WriteLine(string.Create(Inv, $"provider_p99_ms={Percentile(ms, 0.99):0.###}"));
            Console.WriteLine(string.Create(Inv, $"cpu_ms={(cpu - _cpu0) / (double)TimeSpan.TicksPerMillisecond:0}"));
            Console.WriteLine($"alloc_bytes={alloc - _alloc0}");
            Console.WriteLine($"gen0={GC.CollectionCount(0) - _gen0} gen2={GC.CollectionCount(2) - _gen2}");
            Console.WriteLine("end");
            _cpu0 = cpu; _alloc0 = alloc; _gen0 = GC.CollectionCount(0); _gen2 = GC.CollectionCount(2);
        }

        private static long CpuTicks() => Process.GetCurrentProcess().TotalProcessorTime.Ticks;

        public static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
