using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway.Ingest;
using Imaging.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Imaging.Gateway.Tests.Ingest;

/// <summary>The gateway's storage decisions, driven directly with temporary files as the SCP hands them over: Success
/// only once the blob and the index row are in place; a failing index is 0xA700 and nothing is announced.</summary>
public sealed class IngestCStoreProviderTests : IAsyncLifetime
{
    private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";

    private readonly TempFolder _folder = new();
    private SqliteImagingStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteImagingStore(Path.Combine(_folder.Path, "index.db"));
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_valid_instance_is_in_the_blob_store_and_the_index_with_its_outbox_row_before_success()
    {
        var blobs = new FileSystemBlobStore(_folder.Path);
        var provider = Provider(blobs, _store);
        var ingested = new List<IngestedInstance>();
        provider.InstanceIngested += ingested.Add;
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.5", withPatient: true);

        var status = await provider.OnCStoreAsync(Request(temporary, "1.2.3.4.5", "MODALITY"), CancellationToken.None);

        Assert.Equal(DimseStatus.Success, status);
        var record = Assert.Single(await _store.GetSeriesInstancesAsync("1.2.3.4", CancellationToken.None));
        Assert.Equal(("PAT-7", "CT", "MODALITY", 12), (record.PatientId, record.Modality, record.CallingAeTitle, record.InstanceNumber));
        Assert.True(File.Exists(blobs.GetPath(record.BlobKey)));
        Assert.False(File.Exists(temporary));
        Assert.Equal(1, (await _store.GetCountsAsync(CancellationToken.None)).PendingOutbox);
        Assert.Equal(blobs.GetPath(record.BlobKey), Assert.Single(ingested).FilePath);
    }

    [Fact]
    public async Task An_index_that_cannot_be_reached_answers_out_of_resources_and_announces_nothing()
    {
        var provider = Provider(new FileSystemBlobStore(_folder.Path), new UnreachableIndex());
        var ingested = new List<IngestedInstance>();
        provider.InstanceIngested += ingested.Add;
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.6", withPatient: true);

        var status = await provider.OnCStoreAsync(Request(temporary, "1.2.3.4.6", "MODALITY"), CancellationToken.None);

        Assert.Equal(DimseStatus.OutOfResources, status);
        Assert.Empty(ingested);
    }

    [Fact]
    public async Task A_data_set_whose_uids_differ_from_the_command_is_refused_and_not_indexed()
    {
        var provider = Provider(new FileSystemBlobStore(_folder.Path), _store);
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.7", withPatient: true);

        var status = await provider.OnCStoreAsync(Request(temporary, "1.2.3.4.8", "MODALITY"), CancellationToken.None);

        Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, status);
        Assert.Equal(0, (await _store.GetCountsAsync(CancellationToken.None)).Instances);
    }

    [Fact]
    public async Task An_instance_without_patient_id_is_kept_under_an_empty_patient_id()
    {
        var provider = Provider(new FileSystemBlobStore(_folder.Path), _store);
        var temporary = await WriteIncomingAsync(provider, "1.2.3.4.9", withPatient: false);

        var status = await provider.OnCStoreAsync(Request(temporary, "1.2.3.4.9", "MODALITY"), CancellationToken.None);

        Assert.Equal(DimseStatus.Success, status);
        Assert.Equal("", Assert.Single(await _store.GetSeriesInstancesAsync("1.2.3.4", CancellationToken.None)).PatientId);
    }

    [Fact]
    public void Each_calling_ae_may_have_its_own_series_quiet_timeout()
    {
        var options = new GatewayOptions
        {
            SeriesQuietTimeout = TimeSpan.FromSeconds(10),
            CallingAes = [new CallingAeOptions { AeTitle = "SLOWCAM", SeriesQuietTimeout = TimeSpan.FromMinutes(2) }, new CallingAeOptions { AeTitle = "PACS" }],
        };

        var timeouts = SeriesQuietTimeouts.From(options);

        Assert.Equal(TimeSpan.FromMinutes(2), timeouts.For("SLOWCAM "));
        Assert.Equal(TimeSpan.FromSeconds(10), timeouts.For("PACS"));
        Assert.Equal(TimeSpan.FromSeconds(10), timeouts.For("OTHER"));
    }

    private static IngestCStoreProvider Provider(IBlobStore blobs, IInstanceIndex index) =>
        new(blobs, index, new SeriesQuietTimeouts(TimeSpan.FromSeconds(10), new Dictionary<string, TimeSpan>()), ResiliencePipeline.Empty,
            TimeProvider.System, NullLogger<IngestCStoreProvider>.Instance);

    private static CStoreRequest Request(string temporary, string sopInstance, string callingAe) =>
        new(temporary, CtImage, sopInstance, DicomTransferSyntax.ExplicitVRLittleEndian, 1, new DicomAssociationContext(new NegotiatedAssociation
        {
            CalledAETitle = "IMAGING",
            CallingAETitle = callingAe,
            PresentationContexts = [],
            PeerMaximumLength = 0,
            OwnMaximumLength = 16384,
        }, null));

    private static async Task<string> WriteIncomingAsync(IngestCStoreProvider provider, string sopInstance, bool withPatient)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTag.SopClassUid, DicomVR.UI, CtImage);
        dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sopInstance);
        if (withPatient) dataset.SetString(DicomTags.PatientID, DicomVR.LO, "PAT-7");
        dataset.SetString(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3");
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4");
        dataset.SetString(DicomTags.InstanceNumber, DicomVR.IS, "12");
        using var encoded = new MemoryStream();
        DicomDatasetWriter.Write(encoded, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        var sink = await CStoreTemporaryFileSink.CreateAsync(provider.IncomingDirectory, CtImage, sopInstance,
            DicomTransferSyntax.ExplicitVRLittleEndian, "TEST", CancellationToken.None);
        await sink.WriteAsync(encoded.ToArray(), CancellationToken.None);
        await sink.CompleteAsync(CancellationToken.None);
        return sink.FilePath;
    }

    /// <summary>An index whose database is down.</summary>
    private sealed class UnreachableIndex : IInstanceIndex
    {
        public Task<RecordedInstance> RecordInstanceAsync(InstanceRecord instance, TimeSpan quietTimeout, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public Task<IReadOnlyList<InstanceRecord>> GetSeriesInstancesAsync(string seriesInstanceUid, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public Task<IReadOnlyList<PendingInstance>> GetPendingSeriesInstancesAsync(CancellationToken cancellationToken) =>
            throw new IOException("connection refused");

        public Task<int> RemoveInstancesAsync(IReadOnlyCollection<PendingInstance> instances, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");
    }
}
