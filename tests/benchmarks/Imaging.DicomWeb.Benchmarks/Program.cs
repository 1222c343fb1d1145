using System.Diagnostics;
using System.Globalization;
using Imaging.Storage;
using Npgsql;

namespace Imaging.DicomWeb.Benchmarks;

/// <summary>
/// DICOMweb request latency end to end over HTTP: seeds N studies into a fresh index, then times each scenario of
/// <see cref="ScenarioList"/> (warm-up, then R sequential requests, full body read) and prints p50/p95/max.
/// <code>
///   Imaging.DicomWeb.Benchmarks sqlite FOLDER    [--studies 10000] [--requests 200] [--callers 32]
///   Imaging.DicomWeb.Benchmarks postgres CONNSTR [--studies 10000] [--requests 200] [--callers 32]
/// </code>
/// </summary>
public static class Program
{
    private const int WarmUpRequests = 20;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("usage: Imaging.DicomWeb.Benchmarks sqlite FOLDER | postgres CONNSTR [--studies N] [--requests R] [--callers C]");
            return 2;
        }
        var studies = int.Parse(Option(args, "--studies") ?? "10000", CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var callers = int.Parse(Option(args, "--callers") ?? "32", CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var cancellationToken = timeout.Token;

        await using IImagingStore store = args[0] == "sqlite"
            ? new SqliteImagingStore(Path.Combine(args[1], "dicomweb-bench.db"))
            : new PostgresImagingStore(args[1]);
        await store.MigrateAsync(cancellationToken);
        var seeding = Stopwatch.StartNew();
        var seed = await Seeder.SeedAsync(store, studies, callers, cancellationToken);
        Console.WriteLine(FormattableString.Invariant(
            $"# {args[0]}: seeded {seed.Studies} studies, {seed.Series} series, {seed.Instances} instances in {seeding.Elapsed.TotalSeconds:0.0} s ({callers} callers)"));

        if (args[0] == "postgres")
        {
            // Freshly loaded tables have no planner statistics until autovacuum gets to them; a server in use has them.
            await using var connection = new NpgsqlConnection(args[1]);
            await connection.OpenAsync(cancellationToken);
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var (app, root) = await BenchmarkHost.StartAsync(store, cancellationToken);
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
            Console.WriteLine(FormattableString.Invariant($"{"scenario",-26} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"results",8} {"bytes",9}"));
            foreach (var scenario in ScenarioList.All)
            {
                var path = scenario.PathAndQuery(seed);
                for (var i = 0; i < WarmUpRequests; i++) await SendAsync(client, path, scenario.Accept, cancellationToken);
                var times = new double[requests];
                var (results, bytes) = (0, 0);
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    (results, bytes) = await SendAsync(client, path, scenario.Accept, cancellationToken);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                Array.Sort(times);
                Console.WriteLine(FormattableString.Invariant(
                    $"{scenario.Name,-26} {Percentile(times, 0.50),8:0.00} {Percentile(times, 0.95),8:0.00} {times[^1],8:0.00} {results,8} {bytes,9}"));
            }
            await app.StopAsync(cancellationToken);
        }
        return 0;
    }

    private static async Task<(int Results, int Bytes)> SendAsync(HttpClient client, string path, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        // Results of a DICOM JSON array: count its top-level objects cheaply (each starts with {"0 at depth 1).
        var results = 0;
        var depth = 0;
        var inString = false;
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (inString)
            {
                if (b == (byte)'\\') i++;
                else if (b == (byte)'"') inString = false;
                continue;
            }
            switch (b)
            {
                case (byte)'"': inString = true; break;
                case (byte)'{' or (byte)'[':
                    if (b == (byte)'{' && depth == 1) results++;
                    depth++;
                    break;
                case (byte)'}' or (byte)']': depth--; break;
            }
        }
        return (results, body.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
