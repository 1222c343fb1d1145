using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Files that need more presentation contexts than one association carries (PS3.8 9.3.2.2: odd IDs 1-255, so
/// at most 128) are sent over as many associations as it takes, transparently, with one result per file.</summary>
public class StoreManySopClassesTests
{
    private const int SopClassCount = 130;

    /// <summary>One explicit little endian file per SOP class: each class needs its own context plus a fallback, 260 in all.</summary>
    private static List<string> WriteFiles(TempFolder folder, InMemoryQueryIndex? index = null)
    {
        var files = new List<string>();
        var classes = GeneratedInstances.StorageSopClasses(SopClassCount);
        for (var i = 0; i < classes.Count; i++)
        {
            var path = folder.File($"{i:D3}.dcm");
            var header = GeneratedInstances.Write(path, classes[i], $"1.2.826.0.1.3680043.10.1311.920.{i + 1}", DicomTransferSyntax.ExplicitVRLittleEndian);
            index?.Add(header, path);
            files.Add(path);
        }
        return files;
    }

    [Fact]
    public async Task Storing_files_of_130_sop_classes_opens_as_many_associations_as_the_contexts_need_and_reports_every_file_in_order()
    {
        using var folder = new TempFolder();
        var files = WriteFiles(folder);
        await using var server = new TestServer();
        var reported = new List<string>();

        var results = await server.CreateClient().StoreAsync(files, result =>
        {
            reported.Add(result.FilePath);
            return ValueTask.FromResult(true);
        });

        Assert.Equal(files, results.Select(r => r.FilePath));
        Assert.Equal(files, reported);
        Assert.All(results, r => Assert.True(r.Status == DimseStatus.Success, $"{r.FilePath}: {r.Error}\n{server.Log}"));
        Assert.Equal(SopClassCount, server.StoredFiles().Count);
        // 260 contexts: 128 + 128 + 4, each association released before the next opens.
        Assert.Equal(3, server.Log.Lines.Count(l => l.Contains(": associated,", StringComparison.Ordinal)));
        Assert.Equal(3, server.Log.Lines.Count(l => l.EndsWith(": released", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Moving_instances_of_130_sop_classes_sends_them_all_and_counts_them_right()
    {
        using var folder = new TempFolder();
        var index = new InMemoryQueryIndex();
        var files = WriteFiles(folder, index);
        await using var destination = new TestServer();
        await using var mover = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
        });
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, GeneratedInstances.Study);

        var result = await mover.CreateClient(TimeSpan.FromSeconds(60)).MoveAsync(TestServer.AETitle, QueryRetrieveLevel.Study, keys);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{mover.Log}");
        Assert.Equal((files.Count, 0, 0), (result.Completed, result.Failed, result.Warning));
        Assert.Equal(files.Count, destination.StoredFiles().Count);
    }
}
