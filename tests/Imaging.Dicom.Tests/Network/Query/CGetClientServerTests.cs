using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Our C-GET SCU against our C-GET SCP.</summary>
public class CGetClientServerTests
{
    [Fact]
    public async Task Get_stores_the_series_instances_in_the_sink_folder_with_their_content()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var header = DicomFileReader.Read(file).Dataset;
        await using var store = new TestServer();
        await store.CreateClient().StoreAsync([file]);
        using var index = await FileSystemQueryIndex.LoadAsync(store.Store);
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with
            {
                AbstractSyntaxes = QueryTestData.AbstractSyntaxes(),
                RequestorScpAbstractSyntaxes = [.. DicomUids.All.Where(u => u.IsStorage).Select(u => u.Uid)],
            },
            GetProvider = index,
        });
        using var sink = new TempFolder();
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!);
        keys.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, header.GetString(DicomTags.SeriesInstanceUID)!);

        var result = await server.CreateClient().GetAsync(QueryRetrieveLevel.Series, keys, sink.Path);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{server.Log}");
        Assert.Equal(1, result.Completed);
        var received = Path.Combine(sink.Path, header.GetString(DicomTags.SOPInstanceUID) + ".dcm");
        Assert.True(File.Exists(received), server.Log.ToString());
        DataSetAssert.SameContent(file, received);
        Assert.Empty(Directory.GetFiles(Path.Combine(sink.Path, ".incoming")));
    }

    [Fact]
    public async Task Get_without_the_scp_role_granted_counts_the_instance_as_failed()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var header = DicomFileReader.Read(file).Dataset;
        await using var store = new TestServer();
        await store.CreateClient().StoreAsync([file]);
        using var index = await FileSystemQueryIndex.LoadAsync(store.Store);
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            GetProvider = index,
        });
        using var sink = new TempFolder();
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, header.GetString(DicomTags.StudyInstanceUID)!);

        var result = await server.CreateClient().GetAsync(QueryRetrieveLevel.Study, keys, sink.Path);

        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, result.Status);
        Assert.Equal((0, 1), (result.Completed, result.Failed));
    }
}
