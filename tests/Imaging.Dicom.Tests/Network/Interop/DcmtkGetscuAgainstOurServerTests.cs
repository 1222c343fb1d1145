using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's getscu against our C-GET SCP: instances come back on getscu's own association.</summary>
public class DcmtkGetscuAgainstOurServerTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static Task<(string Output, string[] Received)> GetAsync(TestServer server, params string[] keys) => GetAsync(server, ["-v"], null, keys);

    /// <param name="options">getscu options besides the network ones.</param>
    /// <param name="keep">Where to copy what getscu received, for checks beyond the SOP Instance UIDs.</param>
    private static async Task<(string Output, string[] Received)> GetAsync(TestServer server, string[] options, string? keep, string[] keys)
    {
        using var output = new TempFolder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var arguments = new List<string>(options) { "-S", "-aec", TestServer.AETitle, "-aet", "GETSCU", "-od", output.Path, "-to", "10", "-ta", "10", "-td", "10" };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        arguments.AddRange(["127.0.0.1", server.Port.ToString()]);
        var result = await ExternalTool.RunAsync("getscu", arguments, TimeSpan.FromSeconds(25), NoDelay, cancellationToken: timeout.Token);
        if (keep is not null) foreach (var file in Directory.GetFiles(output.Path)) File.Copy(file, Path.Combine(keep, Path.GetFileName(file)));
        return ($"exit {result.ExitCode}\n{result.StandardError}{result.StandardOutput}\n{server.Log}",
            [.. Directory.GetFiles(output.Path).Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!)]);
    }

    private static Func<DicomServerOptions, DicomServerOptions> WithGet(ICGetProvider provider, bool grantScpRole = true) => options => options with
    {
        Policy = options.Policy with
        {
            AbstractSyntaxes = QueryTestData.AbstractSyntaxes(),
            RequestorScpAbstractSyntaxes = grantScpRole ? [.. DicomUids.All.Where(u => u.IsStorage).Select(u => u.Uid)] : [],
        },
        GetProvider = provider,
    };

    [Fact]
    public async Task Getscu_receives_the_study_on_its_own_association()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var header = DicomFileReader.Read(file).Dataset;
        await using var store = new TestServer();
        await store.CreateClient().StoreAsync([file]);
        using var index = await FileSystemQueryIndex.LoadAsync(store.Store);
        await using var server = new TestServer(WithGet(index));

        var (output, received) = await GetAsync(server, "QueryRetrieveLevel=STUDY", $"StudyInstanceUID={header.GetString(DicomTags.StudyInstanceUID)}");

        Assert.True(output.StartsWith("exit 0", StringComparison.Ordinal), output);
        Assert.Contains("Received C-GET Response (Success)", output);
        Assert.Equal([header.GetString(DicomTags.SOPInstanceUID)!], received);
    }

    [Fact]
    public async Task Without_the_scp_role_granted_nothing_is_sent_and_the_sub_operation_counts_as_failed()
    {
        var file = NetworkTestFiles.SeveralTransferSyntaxes[0];
        var header = DicomFileReader.Read(file).Dataset;
        await using var store = new TestServer();
        await store.CreateClient().StoreAsync([file]);
        using var index = await FileSystemQueryIndex.LoadAsync(store.Store);
        await using var server = new TestServer(WithGet(index, grantScpRole: false));

        var (output, received) = await GetAsync(server, "QueryRetrieveLevel=STUDY", $"StudyInstanceUID={header.GetString(DicomTags.StudyInstanceUID)}");

        Assert.Empty(received);
        Assert.Contains("Number of Failed Suboperations    : 1", output);
    }

    [Theory]
    [InlineData("+xy", "interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm")]
    [InlineData("+xr", "nm/WG04_NM1_RLE.dcm")]
    public async Task Getscu_preferring_a_compressed_syntax_receives_an_instance_stored_in_it_byte_for_byte(string preference, string corpusFile)
    {
        var file = TestPaths.Corpus(corpusFile);
        var index = new InMemoryQueryIndex();
        index.Add(QueryTestData.Header(0), file);
        await using var server = new TestServer(WithGet(index));
        using var kept = new TempFolder();

        var (output, received) = await GetAsync(server, ["-v", "+B", preference], kept.Path,
            ["QueryRetrieveLevel=STUDY", $"StudyInstanceUID={QueryTestData.Rows[0].Study}"]);

        Assert.True(output.StartsWith("exit 0", StringComparison.Ordinal), output);
        Assert.Contains("Received C-GET Response (Success)", output);
        var sopInstance = DicomFileReader.Read(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;
        Assert.Equal([sopInstance], received);
        // Bit-preserving (+B): getscu wrote the data set exactly as it came off the wire.
        DataSetAssert.SameDataSetBytes(file, Assert.Single(Directory.GetFiles(kept.Path)));
    }

    [Fact]
    public async Task Getscu_offering_only_uncompressed_syntaxes_gets_the_uncompressed_instance_and_a_warning_for_the_jpeg_one()
    {
        var uncompressed = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var jpeg = TestPaths.Corpus("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm");
        var index = new InMemoryQueryIndex();
        index.Add(QueryTestData.Header(0), uncompressed);
        index.Add(QueryTestData.Header(1), jpeg);
        await using var server = new TestServer(WithGet(index));

        var (output, received) = await GetAsync(server, ["-d"], null, ["QueryRetrieveLevel=STUDY", $"StudyInstanceUID={QueryTestData.Rows[0].Study}"]);

        Assert.True(received.Length == 1, output + server.Log);
        Assert.Equal([DicomFileReader.Read(uncompressed).Dataset.GetString(DicomTags.SOPInstanceUID)!], received);
        var final = output[output.LastIndexOf("Received C-GET Response", StringComparison.Ordinal)..];
        Assert.Contains("0xb000: Warning: Sub-operations complete - One or more failures", final);
        Assert.Contains("Data Set                      : present", final);
        Assert.Contains("Number of Completed Suboperations : 1", final);
        Assert.Contains("Number of Failed Suboperations    : 1", final);
        // getscu 3.6.7 does not read a C-GET response's identifier (it fails its release on it, as it does after
        // dcmqrscp's), so the list itself is checked through movescu and our own SCU; the log names the instance.
        Assert.Contains(DicomFileReader.Read(jpeg).Dataset.GetString(DicomTags.SOPInstanceUID)!, server.Log.ToString());
    }
}
