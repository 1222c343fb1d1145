using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage.Benchmarks;

/// <summary>`floor FOLDER [--count 400] [--bytes 526418]`: the bare system calls a durable C-STORE cannot avoid, timed one
/// after the other as one association would pay them, with nothing of ours around them: write a file of an instance's
/// size, fdatasync it, rename it into a folder, fsync that folder, commit one row in SQLite (WAL, synchronous=FULL).</summary>
/// <remarks>Printed per step (p50, total) and summed: the sum is the least a strictly sequential, fsync-before-response
/// ingest of COUNT instances can take on this disk at this moment, whatever the server does; compare it with
/// storescp's whole wall time for the same count (storescp fsyncs nothing).</remarks>
internal static class DurabilityFloor
{
    public static int Run(string folder, string[] args)
    {
        var count = int.Parse(Option(args, "--count") ?? "400", CultureInfo.InvariantCulture);
        var bytes = int.Parse(Option(args, "--bytes") ?? "526418", CultureInfo.InvariantCulture);
        var root = Path.Combine(folder, $"floor-{Guid.NewGuid():N}");
        var incoming = Path.Combine(root, "incoming");
        var series = Path.Combine(root, "series");
        Directory.CreateDirectory(incoming);
        Directory.CreateDirectory(series);
        var payload = new byte[bytes];
        Random.Shared.NextBytes(payload);
        var write = new double[count];
        var dataSync = new double[count];
        var dirSync = new double[count];
        var commit = new double[count];
        try
        {
            using var db = new SqliteConnection($"Data Source={Path.Combine(root, "floor.db")};Pooling=false");
            db.Open();
            Execute(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ($v)";
            var value = insert.Parameters.Add("$v", SqliteType.Text);
            var seriesFd = OpenDirectory(series);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var temporary = Path.Combine(incoming, $"{i}.part");
                    var t0 = Stopwatch.GetTimestamp();
                    using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                    {
                        file.Write(payload);
                        var t1 = Stopwatch.GetTimestamp();
                        write[i] = Ms(t0, t1);
                        if (FdataSync(file.SafeFileHandle.DangerousGetHandle().ToInt32()) != 0) throw new IOException("fdatasync failed");
                        dataSync[i] = Ms(t1, Stopwatch.GetTimestamp());
                    }
                    var t2 = Stopwatch.GetTimestamp();
                    File.Move(temporary, Path.Combine(series, $"{i}.dcm"));
                    if (Fsync(seriesFd) != 0) throw new IOException("fsync of the folder failed");
                    var t3 = Stopwatch.GetTimestamp();
                    dirSync[i] = Ms(t2, t3);
                    using (var transaction = db.BeginTransaction())
                    {
                        insert.Transaction = transaction;
                        value.Value = $"instance {i}";
                        insert.ExecuteNonQuery();
                        transaction.Commit();
                    }
                    commit[i] = Ms(t3, Stopwatch.GetTimestamp());
                }
            }
            finally
            {
                _ = Close(seriesFd);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
        Print("write", write);
        Print("fdatasync", dataSync);
        Print("rename_dirfsync", dirSync);
        Print("sqlite_commit", commit);
        var sum = new double[count];
        for (var i = 0; i < count; i++) sum[i] = write[i] + dataSync[i] + dirSync[i] + commit[i];
        Print("sequential_sum", sum);
        var durable = new double[count];
        for (var i = 0; i < count; i++) durable[i] = dataSync[i] + dirSync[i] + commit[i];
        Print("durable_sum", durable);
        return 0;
    }

    private static void Print(string name, double[] ms)
    {
        var sorted = ms.Order().ToArray();
        Console.WriteLine(FormattableString.Invariant(
            $"{name}_p50_ms={sorted[sorted.Length / 2]:0.###} {name}_p99_ms={sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]:0.###} {name}_total_ms={ms.Sum():0}"));
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int OpenDirectory(string path)
    {
        var fd = Open(path, 0);
        if (fd < 0) throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})");
        return fd;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FdataSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
