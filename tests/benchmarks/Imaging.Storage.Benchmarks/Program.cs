using System.Diagnostics;
using System.Globalization;
using Imaging.Storage;
using Npgsql;

namespace Imaging.Storage.Benchmarks;

/// <summary>
/// Ingest cost of the index: N instances of one series through <see cref="IImagingStore.RecordInstanceAsync"/>, by one
/// caller in sequence and by C concurrent callers (N/C each, as C associations would), on a fresh database per run.
/// <code>
///   Imaging.Storage.Benchmarks sqlite FOLDER    [--instances 400] [--callers 1,4] [--runs 3] [--blobs]
///   Imaging.Storage.Benchmarks postgres CONNSTR [--instances 400] [--callers 1,4] [--runs 3] [--blobs]
///   Imaging.Storage.Benchmarks floor FOLDER     [--count 400] [--bytes 526418]   (see DurabilityFloor)
/// </code>
/// <c>--blobs</c> also puts a 512 KiB file per instance through <see cref="FileSystemBlobStore"/> first (fsync, rename,
/// fsync of the folder): the whole durable part of a C-STORE.
/// </summary>
public static class Program
{
    private const int BlobBytes = 512 * 1024;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "floor") return DurabilityFloor.Run(args[1], args[2..]);
        if (args.Length < 2 || args[0] is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("usage: Imaging.Storage.Benchmarks sqlite FOLDER | postgres CONNSTR [--instances N] [--callers 1,4] [--runs R] [--blobs]");
            return 2;
        }
        var kind = args[0];
        var target = args[1];
        var instances = int.Parse(Option(args, "--instances") ?? "400", CultureInfo.InvariantCulture);
        var callers = (Option(args, "--callers") ?? "1,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var blobs = args.Contains("--blobs");

        Console.WriteLine($"# {kind}: {instances} instances of one series per run{(blobs ? ", each with a 512 KiB blob put first" : "")}");
        // Untimed warm-up on its own database: JIT, connection pool and prepared statements are not what is measured.
        var (warmStore, warmFolder) = await OpenFreshAsync(kind, target, 0, 0);
        try
        {
            await warmStore.MigrateAsync(CancellationToken.None);
            await MeasureAsync(warmStore, blobs ? new FileSystemBlobStore(Path.Combine(warmFolder, "blobs")) : null, 100, 2);
        }
        finally
        {
            await warmStore.DisposeAsync();
            Directory.Delete(warmFolder, recursive: true);
        }
        for (var run = 1; run <= runs; run++)
        {
            var floor = MeasureFsyncFloor(kind == "sqlite" ? target : Path.GetTempPath(), instances);
            Console.WriteLine(FormattableString.Invariant(
                $"{"fsync",-8} floor    run={run}: {floor.TotalSeconds:0.000} s  ({floor.TotalMilliseconds / instances:0.00} ms per 16 KiB write + fsync, the least a durable commit costs here now)"));
            foreach (var c in callers)
            {
                var (store, folder) = await OpenFreshAsync(kind, target, run, c);
                try
                {
                    await store.MigrateAsync(CancellationToken.None);
                    var blobStore = blobs ? new FileSystemBlobStore(Path.Combine(folder, "blobs")) : null;
                    var elapsed = await MeasureAsync(store, blobStore, instances, c);
                    Console.WriteLine(FormattableString.Invariant(
                        $"{kind,-8} callers={c} run={run}: {elapsed.TotalSeconds:0.000} s  ({elapsed.TotalMilliseconds / instances:0.00} ms/instance, {instances / elapsed.TotalSeconds:0} instances/s)"));
                }
                finally
                {
                    await store.DisposeAsync();
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
        return 0;
    }

    /// <summary>The disk's price of one durable commit at this moment: the same count of 16 KiB overwrites, each fsync'd.
    /// The machine is shared, so this puts each run's numbers in proportion.</summary>
    private static TimeSpan MeasureFsyncFloor(string folder, int count)
    {
        var path = Path.Combine(folder, $"fsync-floor-{Guid.NewGuid():N}");
        var block = new byte[16 * 1024];
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1);
            file.Write(block);
            file.Flush(flushToDisk: true);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                file.Position = 0;
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
            return watch.Elapsed;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<TimeSpan> MeasureAsync(IImagingStore store, FileSystemBlobStore? blobs, int instances, int callers)
    {
        var payload = new byte[BlobBytes];
        Random.Shared.NextBytes(payload);
        var perCaller = instances / callers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var number = c * perCaller + i + 1;
                var sop = $"1.2.826.0.1.3680043.2.1125.1.{number}";
                var blobKey = "";
                if (blobs is not null)
                {
                    var temporary = Path.Combine(blobs.IncomingDirectory, $"{Guid.NewGuid():N}.part");
                    await File.WriteAllBytesAsync(temporary, payload);
                    blobKey = await blobs.PutAsync(temporary, new InstanceKey("1.2.826.0.1.3680043.2.1125", "1.2.826.0.1.3680043.2.1125.1", sop),
                        CancellationToken.None);
                }
                await store.RecordInstanceAsync(Instance(sop, number, blobKey), TimeSpan.FromSeconds(30), CancellationToken.None);
            }
        })));
        return watch.Elapsed;
    }

    private static InstanceRecord Instance(string sop, int number, string blobKey) => new()
    {
        PatientId = "BENCH1",
        PatientName = "BENCH^PATIENT",
        StudyInstanceUid = "1.2.826.0.1.3680043.2.1125",
        StudyDate = "20260105",
        SeriesInstanceUid = "1.2.826.0.1.3680043.2.1125.1",
        Modality = "CT",
        SeriesNumber = 1,
        SopInstanceUid = sop,
        SopClassUid = "1.2.840.10008.5.1.4.1.1.2",
        InstanceNumber = number,
        TransferSyntaxUid = "1.2.840.10008.1.2.1",
        BlobKey = blobKey,
        SizeBytes = BlobBytes,
        CallingAeTitle = "STORESCU",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<(IImagingStore Store, string Folder)> OpenFreshAsync(string kind, string target, int run, int callers)
    {
        var folder = kind == "sqlite" ? target : Path.GetTempPath();
        folder = Path.Combine(folder, $"storage-bench-{run}-{callers}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (kind == "sqlite") return (new SqliteImagingStore(Path.Combine(folder, "index.db")), folder);

        var name = $"bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return (new PostgresImagingStore(new NpgsqlConnectionStringBuilder(target) { Database = name }.ConnectionString), folder);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
