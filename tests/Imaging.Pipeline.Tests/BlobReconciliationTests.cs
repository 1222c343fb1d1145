using Imaging.Gateway.Ingest;
using Imaging.Pipeline.Tests.Support;
using Imaging.Storage;

namespace Imaging.Pipeline.Tests;

/// <summary>Start-up reconciliation on a real SQLite index and blob folder: a row left without its blob (a crash between
/// the index commit and the blob's durable name) goes; every other row stays.</summary>
public sealed class BlobReconciliationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("blob-reconciliation-").FullName;
    private SqliteImagingStore _store = null!;
    private FileSystemBlobStore _blobs = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteImagingStore(Path.Combine(_root, "index.db"));
        await _store.MigrateAsync(CancellationToken.None);
        _blobs = new FileSystemBlobStore(Path.Combine(_root, "blobs"));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<string> IngestAsync(string series, string sop, bool withBlob, DateTimeOffset receivedAt)
    {
        var key = new InstanceKey("1.2.9", series, sop);
        var blobKey = ((IBlobStore)_blobs).GetKey(key);
        if (withBlob)
        {
            var temporary = Path.Combine(_blobs.IncomingDirectory, $"{Guid.NewGuid():N}.part");
            await File.WriteAllTextAsync(temporary, sop);
            await _blobs.PutAsync(temporary, key, CancellationToken.None);
        }
        await _store.RecordInstanceAsync(new InstanceRecord
        {
            PatientId = "P1",
            StudyInstanceUid = "1.2.9",
            SeriesInstanceUid = series,
            Modality = "CT",
            SopInstanceUid = sop,
            SopClassUid = "1.2.840.10008.5.1.4.1.1.2",
            TransferSyntaxUid = "1.2.840.10008.1.2.1",
            BlobKey = blobKey,
            SizeBytes = 1,
            CallingAeTitle = "MODALITY",
            ReceivedAt = receivedAt,
        }, Quiet, CancellationToken.None);
        return blobKey;
    }

    [Fact]
    public async Task Rows_of_pending_series_without_a_blob_are_removed_and_the_rest_stay()
    {
        // A ready series whose blob is missing was analysed long ago: not this reconciliation's business.
        await IngestAsync("1.2.9.1", "1.2.9.1.1", withBlob: false, T0);
        Assert.Single(await _store.CompleteDueSeriesAsync(T0.AddMinutes(1), 10, CancellationToken.None));
        await IngestAsync("1.2.9.2", "1.2.9.2.1", withBlob: true, T0.AddMinutes(2));
        await IngestAsync("1.2.9.2", "1.2.9.2.2", withBlob: false, T0.AddMinutes(2));
        await IngestAsync("1.2.9.2", "1.2.9.2.3", withBlob: true, T0.AddMinutes(2));
        var logger = new ListLogger<BlobReconciliation>();

        var removed = await new BlobReconciliation(_store, _blobs, logger).RunAsync(CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Equal(["1.2.9.2.1", "1.2.9.2.3"], (await _store.GetSeriesInstancesAsync("1.2.9.2", CancellationToken.None)).Select(i => i.SopInstanceUid));
        Assert.Single(await _store.GetSeriesInstancesAsync("1.2.9.1", CancellationToken.None));
        Assert.True(logger.Contains(31));
        Assert.True(logger.Contains(32));
    }

    [Fact]
    public async Task Nothing_is_removed_when_every_blob_is_there()
    {
        await IngestAsync("1.2.9.3", "1.2.9.3.1", withBlob: true, T0);
        var logger = new ListLogger<BlobReconciliation>();

        await new BlobReconciliation(_store, _blobs, logger).StartAsync(CancellationToken.None);

        Assert.Single(await _store.GetSeriesInstancesAsync("1.2.9.3", CancellationToken.None));
        Assert.True(logger.Contains(30));
        Assert.False(logger.Contains(32));
    }
}
