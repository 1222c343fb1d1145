using System.Diagnostics;
using System.Globalization;
using System.Net;
using Imaging.Api.DicomWeb;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Gateway;
using Imaging.Gateway.Ingest;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Imaging.DicomWeb.Metadata.Benchmarks;

/// <summary>
/// WADO-RS series metadata of one N-instance series (issue 8: 400 instances under 100 ms): the instances go through the
/// gateway's ingest with the metadata hook (sidecars precomputed), then GET …/series/{s}/metadata over Kestrel on loopback.
/// <code>
///   Imaging.DicomWeb.Metadata.Benchmarks FOLDER --template FILE [--instances 400] [--requests 50]
/// </code>
/// The template is a real Part 10 file whose header is reused with new UIDs and instance numbers.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 1 || Option(args, "--template") is not { } template)
        {
            Console.Error.WriteLine("usage: Imaging.DicomWeb.Metadata.Benchmarks FOLDER --template FILE [--instances 400] [--requests 50]");
            return 2;
        }
        var root = Path.GetFullPath(args[0]);
        Directory.CreateDirectory(root);
        var instances = int.Parse(Option(args, "--instances") ?? "400", CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(args, "--requests") ?? "50", CultureInfo.InvariantCulture);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));

        await using var store = new SqliteImagingStore(Path.Combine(root, "index.db"));
        await store.MigrateAsync(cts.Token);
        var blobs = new FileSystemBlobStore(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IInstanceIndex>(store);
        builder.Services.AddSingleton<IBlobStore>(blobs);
        builder.Services.AddImagingDicomWeb(new ConfigurationBuilder().Build());
        await using var app = builder.Build();
        app.MapDicomWeb();
        await app.StartAsync(cts.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var ingest = new IngestCStoreProvider(blobs, store, SeriesQuietTimeouts.From(new GatewayOptions()), ResiliencePipeline.Empty, TimeProvider.System,
            NullLogger<IngestCStoreProvider>.Instance, app.Services.GetRequiredService<IInstanceMetadataSidecar>());
        var source = DicomFileReader.Read(template);
        var study = "1.2.826.0.1.3680043.10.999.1." + Environment.ProcessId;
        var series = study + ".1";
        var ingestWatch = Stopwatch.StartNew();
        for (var i = 1; i <= instances; i++)
        {
            var dataset = source.Dataset;
            var sop = $"{series}.{i}";
            dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sop);
            dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
            dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, series);
            dataset.SetString(DicomTags.InstanceNumber, DicomVR.IS, i.ToString(CultureInfo.InvariantCulture));
            var file = new DicomFile(new DicomDataset(), dataset, source.TransferSyntax);
            var temporary = Path.Combine(blobs.IncomingDirectory, $"bench-{i}.dcm");
            DicomFileWriter.Write(temporary, file);
            var status = await ingest.IngestFileAsync(new IngestRequest(temporary, dataset.GetSingleString(DicomTag.SopClassUid)!, sop,
                source.TransferSyntax.Uid, "BENCH", IsDataDurable: true), cts.Token);
            if (status != 0) throw new InvalidOperationException($"ingest answered 0x{status:X4}");
        }
        Console.WriteLine($"# {instances} instances of {Path.GetFileName(template)} ingested with sidecars in {ingestWatch.Elapsed.TotalSeconds:F1} s");

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var url = $"/dicomweb/studies/{study}/series/{series}/metadata";
        long bytes = 0;
        for (var i = 0; i < 5; i++) bytes = (await client.GetByteArrayAsync(url, cts.Token)).Length; // warm-up: JIT, connection
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cts.Token);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync(cts.Token);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"series metadata: {instances} instances, {bytes / 1024.0:F0} KiB JSON, {requests} requests: median {times[times.Count / 2]:F1} ms, " +
            $"p95 {times[(int)(times.Count * 0.95)]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms");

        // Cold path for comparison: instances stored before precomputing (no sidecar) compute theirs on the first read.
        foreach (var sidecar in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)) File.Delete(sidecar);
        var cold = Stopwatch.StartNew();
        (await client.GetAsync(url, cts.Token)).EnsureSuccessStatusCode();
        Console.WriteLine($"first read without sidecars (computes and writes {instances}): {cold.Elapsed.TotalMilliseconds:F0} ms");
        await app.StopAsync(cts.Token);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
