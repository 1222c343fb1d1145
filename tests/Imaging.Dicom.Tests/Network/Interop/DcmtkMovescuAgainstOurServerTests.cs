using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's movescu against our C-MOVE SCP, moving to a DCMTK storescp.</summary>
public class DcmtkMovescuAgainstOurServerTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static Task<string> MoveAsync(int port, string destination, params string[] keys) => MoveAsync("-v", port, destination, keys);

    private static async Task<string> MoveAsync(string verbosity, int port, string destination, params string[] keys)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var arguments = new List<string> { verbosity, "-S", "-aec", TestServer.AETitle, "-aet", "MOVESCU", "-aem", destination, "-to", "10", "-ta", "10", "-td", "10" };
        foreach (var key in keys) arguments.AddRange(["-k", key]);
        arguments.AddRange(["127.0.0.1", port.ToString()]);
        var result = await ExternalTool.RunAsync("movescu", arguments, TimeSpan.FromSeconds(25), NoDelay, cancellationToken: timeout.Token);
        return $"exit {result.ExitCode}\n{result.StandardError}{result.StandardOutput}";
    }

    [Fact]
    public async Task Movescu_moves_a_study_from_our_server_to_storescp()
    {
        await using var storescp = await StorescpPeer.StartAsync();
        var files = NetworkTestFiles.SeveralTransferSyntaxes.Take(3).ToList();
        var study = DicomFileReader.Read(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        var expected = files.Count(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.StudyInstanceUID) == study);
        var server = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveDestinations = new Dictionary<string, MoveDestination> { [StorescpPeer.AETitle] = new("127.0.0.1", storescp.Port) },
        });
        await using (server)
        {
            await server.CreateClient().StoreAsync(files);
            using var index = await FileSystemQueryIndex.LoadAsync(server.Store);
            await using var moving = new TestServer(options => options with
            {
                Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
                MoveProvider = index,
                MoveDestinations = new Dictionary<string, MoveDestination> { [StorescpPeer.AETitle] = new("127.0.0.1", storescp.Port) },
            });

            var output = await MoveAsync(moving.Port, StorescpPeer.AETitle, "QueryRetrieveLevel=STUDY", $"StudyInstanceUID={study}");

            Assert.True(output.StartsWith("exit 0", StringComparison.Ordinal), output + moving.Log);
            Assert.Contains("Final Move Response (Success)", output);
            Assert.Equal(expected, storescp.ReceivedFiles().Count);
        }
    }

    [Fact]
    public async Task Movescu_sees_a_warning_final_response_listing_the_instance_the_destination_refused()
    {
        var ct = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var mr = TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm");
        var index = new InMemoryQueryIndex();
        index.Add(QueryTestData.Header(0), ct);
        index.Add(QueryTestData.Header(1), mr);
        // A destination for CT images only: the MR instance has no presentation context there.
        await using var destination = new TestServer(options => options with
        {
            Policy = options.Policy with
            {
                AbstractSyntaxes = new Dictionary<string, IReadOnlyList<string>> { [DicomUids.CTImageStorage.Uid] = StandardAbstractSyntaxes.DefaultTransferSyntaxPreference },
            },
        });
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { [TestServer.AETitle] = new("127.0.0.1", destination.Port) },
        });

        var output = await MoveAsync("-d", server.Port, TestServer.AETitle, "QueryRetrieveLevel=STUDY", $"StudyInstanceUID={QueryTestData.Rows[0].Study}");

        Assert.True(output.Contains("Move response with warning status (Warning: SubOperationsCompleteOneOrMoreFailures)", StringComparison.Ordinal),
            output + server.Log);
        var final = output[output.IndexOf("Received Final Move Response", StringComparison.Ordinal)..];
        Assert.Contains("Completed Suboperations       : 1", final);
        Assert.Contains("Failed Suboperations          : 1", final);
        // movescu dumps the response identifier: the refused MR instance, and only it.
        var failedList = Assert.Single(final.Split('\n'), l => l.Contains("(0008,0058)", StringComparison.Ordinal));
        Assert.Contains(DicomFileReader.Read(mr).Dataset.GetString(DicomTags.SOPInstanceUID)!, failedList);
        Assert.Single(destination.StoredFiles());
    }

    [Fact]
    public async Task Movescu_to_an_unknown_destination_is_refused_with_a801()
    {
        await using var server = new TestServer(options => options with
        {
            Policy = options.Policy with { AbstractSyntaxes = QueryTestData.AbstractSyntaxes() },
            MoveProvider = QueryTestData.Index(),
        });
        var output = await MoveAsync(server.Port, "NOWHERE", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.2.826.0.1.1");
        Assert.Contains("MoveDestinationUnknown", output);
    }
}
