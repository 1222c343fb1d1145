using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

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
    public async Task Move_to_a_destination_that_is_down_reports_every_sub_operation_failed()
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
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, DicomFileReader.Read(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!);

        var result = await mover.CreateClient().MoveAsync("DOWN", QueryRetrieveLevel.Study, keys);

        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, result.Status);
        Assert.Equal((0, 1), (result.Completed, result.Failed));
    }
}
