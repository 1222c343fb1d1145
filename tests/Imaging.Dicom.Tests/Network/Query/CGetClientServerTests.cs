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
    public async Task Get_without_the_scp_role_granted_is_refused_with_the_instance_in_the_failed_list()
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

        Assert.True(result.Status == DimseStatus.OutOfResourcesSubOperations, $"{result}\n{server.Log}");
        Assert.Equal((0, 1), (result.Completed, result.Failed));
        Assert.Equal([header.GetString(DicomTags.SOPInstanceUID)!], result.FailedSopInstanceUids);
    }

    [Fact]
    public async Task Get_offering_jpeg_baseline_and_rle_receives_compressed_instances_in_their_stored_syntax()
    {
        await using var server = new TestServer(WithGet(CompressedStudy(out var files)));
        using var sink = new TempFolder();

        var result = await server.CreateClient().GetAsync(QueryRetrieveLevel.Study, StudyKeys(), sink.Path,
            storageSopClasses: StorageClassesOf(files), storageTransferSyntaxes: [DicomTransferSyntax.JpegBaseline, DicomTransferSyntax.RleLossless]);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{server.Log}");
        Assert.Equal((3, 0), (result.Completed, result.Failed));
        foreach (var file in files)
        {
            var received = Path.Combine(sink.Path, SopInstanceOf(file) + ".dcm");
            Assert.True(File.Exists(received), $"{file} did not arrive\n{server.Log}");
            // Same syntax and the very same data set bytes: sent as stored, nothing decoded or re-encoded.
            DataSetAssert.SameDataSetBytes(file, received);
        }
    }

    [Fact]
    public async Task Get_offering_every_known_syntax_for_the_default_storage_classes_fits_one_association_and_receives_compressed_instances()
    {
        await using var server = new TestServer(WithGet(CompressedStudy(out var files)));
        using var sink = new TempFolder();
        // Far more syntaxes than 25 classes can each have a context for: the first ones keep theirs, the rest share one.
        DicomTransferSyntax[] every = [DicomTransferSyntax.JpegBaseline, DicomTransferSyntax.RleLossless, .. DicomTransferSyntax.All];
        Assert.All(StorageClassesOf(files), c => Assert.Contains(c, DicomClient.DefaultGetStorageSopClasses));

        var result = await server.CreateClient().GetAsync(QueryRetrieveLevel.Study, StudyKeys(), sink.Path, storageTransferSyntaxes: every);

        Assert.True(result.Status == DimseStatus.Success, $"{result}\n{server.Log}");
        Assert.Equal((3, 0), (result.Completed, result.Failed));
        foreach (var file in files) DataSetAssert.SameDataSetBytes(file, Path.Combine(sink.Path, SopInstanceOf(file) + ".dcm"));
    }

    [Fact]
    public async Task Get_offering_only_uncompressed_syntaxes_fails_the_compressed_instances_and_lists_them()
    {
        await using var server = new TestServer(WithGet(CompressedStudy(out var files)));
        using var sink = new TempFolder();

        var result = await server.CreateClient().GetAsync(QueryRetrieveLevel.Study, StudyKeys(), sink.Path, storageSopClasses: StorageClassesOf(files));

        Assert.True(result.Status == DimseStatus.SubOperationsCompleteWithFailures, $"{result}\n{server.Log}");
        Assert.Equal((1, 2), (result.Completed, result.Failed));
        Assert.Equal(files.Skip(1).Select(SopInstanceOf).Order(), result.FailedSopInstanceUids.Order());
        Assert.Equal([SopInstanceOf(files[0]) + ".dcm"], Directory.GetFiles(sink.Path).Select(Path.GetFileName));
    }

    private static string SopInstanceOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;

    private static string[] StorageClassesOf(IEnumerable<string> files) =>
        [.. files.Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPClassUID)!).Distinct()];

    private static DicomDataset StudyKeys()
    {
        var keys = new DicomDataset();
        keys.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, QueryTestData.Rows[0].Study);
        return keys;
    }

    /// <summary>One study of three records: an uncompressed CT, a JPEG Baseline ultrasound and an RLE secondary capture.</summary>
    private static InMemoryQueryIndex CompressedStudy(out string[] files)
    {
        files =
        [
            TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
            TestPaths.Corpus("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm"),
            TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"),
        ];
        var index = new InMemoryQueryIndex();
        for (var i = 0; i < files.Length; i++)
        {
            var header = QueryTestData.Header(0);
            header.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, $"1.2.826.0.1.1.1.{i + 10}");
            index.Add(header, files[i]);
        }
        return index;
    }

    private static Func<DicomServerOptions, DicomServerOptions> WithGet(ICGetProvider provider) => options => options with
    {
        Policy = options.Policy with
        {
            AbstractSyntaxes = QueryTestData.AbstractSyntaxes(),
            RequestorScpAbstractSyntaxes = [.. DicomUids.All.Where(u => u.IsStorage).Select(u => u.Uid)],
        },
        GetProvider = provider,
    };
}
