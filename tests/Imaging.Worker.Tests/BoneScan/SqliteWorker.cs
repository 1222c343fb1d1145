using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Imaging.Worker.Tests.BoneScan;

/// <summary>The worker's runner as a host registers it, over a real SQLite store and file-system blob store: phantom
/// studies are indexed as the gateway would, then analysed series by series.</summary>
public sealed class SqliteWorker : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly ServiceProvider _provider;

    private SqliteWorker(TempFolder folder, SqliteImagingStore store, FileSystemBlobStore blobs, ServiceProvider provider)
    {
        _folder = folder;
        Store = store;
        Blobs = blobs;
        _provider = provider;
    }

    public SqliteImagingStore Store { get; }
    public FileSystemBlobStore Blobs { get; }

    public static async Task<SqliteWorker> StartAsync()
    {
        var folder = new TempFolder();
        var store = new SqliteImagingStore(Path.Combine(folder.Path, "index.db"));
        await store.MigrateAsync(CancellationToken.None);
        var blobs = new FileSystemBlobStore(Path.Combine(folder.Path, "blobs"));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IImagingStore>(store);
        services.AddSingleton<IInstanceIndex>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IFindingsStore>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IStudyQueries>(sp => sp.GetRequiredService<IImagingStore>());
        services.AddSingleton<IBlobStore>(blobs);
        services.AddImagingWorker();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new SqliteWorker(folder, store, blobs, provider);
    }

    /// <summary>Indexes every instance of <paramref name="study"/> and analyses its series; returns the bone-scan findings payload.</summary>
    public Task<string> IngestAndAnalyzeAsync(Phantoms.BoneScanStudy study) => IngestAndAnalyzeAsync(study.Instances, "bone-scan");

    /// <summary>Indexes <paramref name="instances"/> and analyses their series; returns the payload of <paramref name="analyzer"/>.</summary>
    public async Task<string> IngestAndAnalyzeAsync(IReadOnlyList<DicomFile> instances, string analyzer)
    {
        var series = new HashSet<(string Study, string Series)>();
        foreach (var file in instances)
        {
            var ds = file.Dataset;
            var key = new InstanceKey(ds.GetString(DicomTags.StudyInstanceUID)!, ds.GetString(DicomTags.SeriesInstanceUID)!, ds.GetString(DicomTag.SopInstanceUid)!);
            var temporary = Path.Combine(Blobs.IncomingDirectory, $"{Guid.NewGuid():N}.tmp");
            await using (var stream = File.Create(temporary)) DicomFileWriter.Write(stream, file);
            var blobKey = await Blobs.PutAsync(temporary, key, dataIsDurable: false, CancellationToken.None);
            await Store.RecordInstanceAsync(new InstanceRecord
            {
                PatientId = ds.GetString(DicomTags.PatientID) ?? "",
                PatientName = ds.GetString(DicomTags.PatientName),
                StudyInstanceUid = key.StudyInstanceUid,
                StudyDate = ds.GetString(DicomTags.StudyDate),
                SeriesInstanceUid = key.SeriesInstanceUid,
                Modality = ds.GetString(DicomTags.Modality) ?? "",
                SopInstanceUid = key.SopInstanceUid,
                SopClassUid = ds.GetString(DicomTag.SopClassUid)!,
                InstanceNumber = (int?)ds.GetInteger(DicomTags.InstanceNumber),
                TransferSyntaxUid = file.TransferSyntax.Uid,
                BlobKey = blobKey,
                SizeBytes = new FileInfo(Blobs.GetPath(blobKey)).Length,
                CallingAeTitle = "TEST",
                ReceivedAt = DateTimeOffset.UtcNow,
            }, TimeSpan.FromSeconds(1), CancellationToken.None);
            series.Add((key.StudyInstanceUid, key.SeriesInstanceUid));
        }

        string? payload = null;
        await using var scope = _provider.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<SeriesAnalysisRunner>();
        foreach (var (studyUid, seriesUid) in series)
        {
            var stored = await runner.RunAsync(new SeriesReady(studyUid, seriesUid, 1, instances.Count, DateTimeOffset.UtcNow), _ => Task.CompletedTask, CancellationToken.None);
            payload = stored.Single(r => r.Analyzer == analyzer).Payload;
        }
        return payload!;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
