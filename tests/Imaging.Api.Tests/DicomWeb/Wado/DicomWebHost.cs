using Imaging.Api.Tests.Support;
using Imaging.Api.DicomWeb;
using Imaging.Dicom.IO;
using Imaging.Gateway;
using Imaging.Gateway.Ingest;
using Imaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Imaging.Api.Tests.DicomWeb;

/// <summary>The DICOMweb routes on a test server over a real SQLite index and blob store in a temporary folder, with the
/// gateway's ingest (and its metadata hook) wired as <c>imaging serve</c> wires them.</summary>
public sealed class DicomWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DicomWebHost(WebApplication app, string root, SqliteImagingStore store, FileSystemBlobStore blobs, IngestCStoreProvider? ingest)
    {
        _app = app;
        Root = root;
        Store = store;
        Blobs = blobs;
        Ingest = ingest;
        Client = app.GetTestClient();
    }

    public string Root { get; }
    public SqliteImagingStore Store { get; }
    public FileSystemBlobStore Blobs { get; }
    public IngestCStoreProvider? Ingest { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="withIngest">False: the API-only role (no gateway, so no STOW-RS).</param>
    public static async Task<DicomWebHost> StartAsync(Dictionary<string, string?>? settings = null, bool withIngest = true, bool precompute = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "imaging-dicomweb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var store = new SqliteImagingStore(Path.Combine(root, "index.db"));
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60))) await store.MigrateAsync(cts.Token);
        var blobs = new FileSystemBlobStore(root);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<IStudyQueries>(store);
        builder.Services.AddSingleton<IInstanceIndex>(store);
        builder.Services.AddSingleton<IFindingsStore>(store);
        builder.Services.AddSingleton<IBlobStore>(blobs);
        builder.Services.AddImagingDicomWeb(builder.Configuration);
        if (withIngest)
        {
            builder.Services.AddSingleton(sp => new IngestCStoreProvider(blobs, store, SeriesQuietTimeouts.From(new GatewayOptions()), ResiliencePipeline.Empty,
                TimeProvider.System, NullLogger<IngestCStoreProvider>.Instance, precompute ? sp.GetRequiredService<IInstanceMetadataSidecar>() : null));
        }
        var app = builder.Build();
        app.MapDicomWeb(app.Services.GetRequiredService<IOptions<DicomWebOptions>>().Value.PathPrefix);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await app.StartAsync(cts.Token);
        return new DicomWebHost(app, root, store, blobs, withIngest ? app.Services.GetRequiredService<IngestCStoreProvider>() : null);
    }

    /// <summary>Stores <paramref name="file"/> through the gateway's ingest (as a C-STORE would); returns the blob path.</summary>
    public async Task<string> StoreAsync(DicomFile file, DicomTransferSyntax? syntax = null)
    {
        var ingest = Ingest ?? throw new InvalidOperationException("This host has no ingest.");
        var temporary = Path.Combine(Blobs.IncomingDirectory, Guid.NewGuid().ToString("N") + ".dcm");
        await File.WriteAllBytesAsync(temporary, TestInstances.ToBytes(file, syntax));
        var header = DicomFileReader.Read(temporary);
        var sopInstance = header.Dataset.GetSingleString(Imaging.Dicom.Data.DicomTag.SopInstanceUid)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await ingest.IngestFileAsync(new IngestRequest(temporary, header.Dataset.GetSingleString(Imaging.Dicom.Data.DicomTag.SopClassUid)!,
            sopInstance, header.TransferSyntax.Uid, "TEST", false), cts.Token);
        Assert.Equal(0, status);
        var key = new InstanceKey(header.Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.StudyInstanceUID)!,
            header.Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)!, sopInstance);
        return Blobs.GetPath(FileSystemBlobStore.GetKey(key));
    }

    public ValueTask DisposeAsync() => TestHostTeardown.DisposeAsync(Client, _app, Store, Root);
}
