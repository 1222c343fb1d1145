using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class FileSystemQueryIndexTests
{
    private static string Uid(string file) => DicomFileReader.Read(file).Dataset.GetSingleString(DicomTag.SopInstanceUid)!;

    [Fact]
    public async Task Loading_indexes_the_kept_instances_and_later_stores_are_added_as_they_happen()
    {
        var files = NetworkTestFiles.SeveralTransferSyntaxes;
        await using var server = new TestServer(options => options with { Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() } });
        await server.CreateClient().StoreAsync(files.Take(2));
        File.WriteAllText(Path.Combine(server.Store.Root, "not-dicom.dcm"), "hello");
        File.WriteAllText(Path.Combine(server.Store.IncomingDirectory, "partial.dcm"), "partial");

        using var index = await FileSystemQueryIndex.LoadAsync(server.Store);
        Assert.Equal(2, index.Index.Count);
        Assert.Equal(1, index.UnreadableFiles);

        await server.CreateClient().StoreAsync([files[2]]);
        Assert.Equal(3, index.Index.Count);

        var keys = new DicomDataset();
        keys.SetString(DicomTags.QueryRetrieveLevel, DicomVR.CS, "IMAGE");
        keys.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, Uid(files[2]));
        var instance = Assert.Single(index.Index.FindInstances(QueryRetrieveLevel.Image, keys));
        Assert.True(File.Exists(instance.FilePath));
        Assert.False(instance.Header.Contains(DicomTag.PixelData));
    }
}
