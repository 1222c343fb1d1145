using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our C-MOVE SCU against our C-MOVE SCP.</summary>
public class CMoveClientServerTests
{
    [Fact]
    public async Task Move_sends_every_instance_of_the_study_and_reports_the_counts()
    {
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(3).ToList();
        await using var destination = new TestServer();
        await using var source = new TestServer();
        await source.CreateClient().StoreAsync(files);
        using var index = await FileSystemQueryIndex.LoadAsync(source.Store);
        await using var mover = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
        });

        var keys = new DicomDataset();
        keys.SetString(DicomTags.PatientID, DicomVR.LO, "");
        var study = DicomFileReader.Read(files[1]).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        var expected = files.Count(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.StudyInstanceUID) == study);

        var result = await mover.CreateClient().MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{mover.Log}");
        Assert.Equal((expected, 0, 0), (result.Completed, result.Failed, result.Warning));
        Assert.Equal(expected, destination.StoredFiles().Count);
    }

    [Fact]
    public async Task Move_to_an_unconfigured_destination_is_refused()
    {
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = QueryTestData.Index(),
        });
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.1");
        var result = await server.CreateClient().MoveAsync("ELSEWHERE", QueryRetrieveLevel.Study, keys);
        Assert.Equal(DimseStatus.MoveDestinationUnknown, result.Status);
    }

    [Fact]
    public async Task Move_to_a_destination_that_is_down_is_refused_with_every_instance_in_the_failed_list()
    {
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(1).ToList();
        await using var source = new TestServer();
        await source.CreateClient().StoreAsync(files);
        using var index = await FileSystemQueryIndex.LoadAsync(source.Store);
        await using var mover = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { ["DOWN"] = new("127.0.0.1", TcpPorts.FindFree()) },
        });
        var header = DicomFileReader.Read(files[0]).Dataset;
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!);

        var result = await mover.CreateClient().MoveAsync("DOWN", QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.OutOfResourcesSubOperations, $"{result}\n{mover.Log}");
        Assert.Equal((0, 1), (result.Completed, result.Failed));
        Assert.Equal([header.GetString(DicomTags.SOPInstanceUID)!], result.FailedSopInstanceUids);
    }

    [Fact]
    public async Task Move_to_a_destination_refusing_one_sop_class_warns_and_lists_only_the_refused_instances()
    {
        var ct = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var mr = TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm");
        // Three records of one study: two point at the CT file, one at the MR file.
        var index = new InMemoryQueryIndex();
        index.Add(QueryTestData.Header(0), ct);
        index.Add(QueryTestData.Header(1), mr);
        var third = QueryTestData.Header(1);
        third.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.1.1.3");
        index.Add(third, ct);
        // The destination takes CT images only: the MR one finds no presentation context there.
        await using var destination = new TestServer(options => options with
        {
            Policy = options.Policy with
            {
                AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.CTImageStorage.Uid] = StandardAbstractSyntaxes.DefaultTransferSyntaxPreference },
            },
        });
        await using var mover = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
        });
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, QueryTestData.Rows[0].Study);

        var result = await mover.CreateClient().MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.SubOperationsCompleteWithFailures, $"{result}\n{mover.Log}");
        Assert.Equal((2, 1, 0), (result.Completed, result.Failed, result.Warning));
        Assert.Equal([DicomFileReader.Read(mr).Dataset.GetString(DicomTags.SOPInstanceUID)!], result.FailedSopInstanceUids);
        Assert.Single(destination.StoredFiles());
    }

    [Fact]
    public async Task Cancelling_a_move_stops_after_the_current_sub_operation_with_status_cancel()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var index = new InMemoryQueryIndex();
        // Two records of one study, both pointing at a real file: the destination receives it once per sub-operation.
        index.Add(QueryTestData.Header(0), file);
        index.Add(QueryTestData.Header(1), file);
        var gate = new GatedStoreProvider();
        await using var destination = new TestServer(options => options with { StoreProvider = gate.Wrap(options.StoreProvider!) });
        await using var mover = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
        });
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, QueryTestData.Rows[0].Study);
        using var cancellation = new CancellationTokenSource();

        var moving = mover.CreateClient().MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys, cancellationToken: cancellation.Token);
        await gate.FirstArrival.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        // The sub-operation in flight is held until the SCP has read the C-CANCEL, so the cancel lands mid-move.
        await Eventually.TrueAsync(() => mover.Log.Lines.Any(l => l.Contains("C-CANCEL for message", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), () => mover.Log.ToString());
        gate.Open();
        var result = await moving;

        Assert.True(result.Status == DimseStatus.Cancel, $"{result}\n{mover.Log}");
        Assert.Equal(1, result.Completed);
    }

    /// <summary>Holds every C-STORE until opened, and says when the first one arrived.</summary>
    private sealed class GatedStoreProvider
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FirstArrival { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public ICStoreProvider Wrap(ICStoreProvider inner) => new Gated(this, inner);

        private sealed class Gated(GatedStoreProvider gate, ICStoreProvider inner) : ICStoreProvider
        {
            public string IncomingDirectory => inner.IncomingDirectory;

            public async ValueTask<ushort> OnCStoreAsync(CStoreRequest request, CancellationToken cancellationToken)
            {
                gate.FirstArrival.TrySetResult();
                await gate._open.Task.WaitAsync(cancellationToken);
                return await inner.OnCStoreAsync(request, cancellationToken);
            }
        }
    }
}
