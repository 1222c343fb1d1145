using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's getscu against our C-GET SCP: instances come back on getscu's own association.</summary>
public class DcmtkGetscuAgainstOurServerTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static async Task<(string Output, string[] Received)> GetAsync(TestServer server, params string[] keys)
    {
        using var output = new TempFolder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var arguments = new List<string> { "-v", "-S", "-aec", TestServer.AETitle, "-aet", "GETSCU", "-od", output.Path, "-to", "10", "-ta", "10", "-td", "10" };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        arguments.AddRange(["127.0.0.1", server.Port.ToString()]);
        var result = await ExternalTool.RunAsync("getscu", arguments, TimeSpan.FromSeconds(25), NoDelay, cancellationToken: timeout.Token);
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
}
