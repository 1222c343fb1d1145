using Imaging.Gateway.Ingest;
using Imaging.Storage;
using System.Text.RegularExpressions;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;

namespace Imaging.Gateway.Tests;

/// <summary>DCMTK's findscu, movescu and getscu against the gateway after storescu filled it: the query index follows
/// the store, move destinations come from the settings, and per-AE permissions refuse Q/R contexts.</summary>
public sealed partial class DcmtkQueryRetrieveAgainstGatewayTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] Files =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
    ];

    private static string StudyOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.StudyInstanceUID)!;

    private static string SopInstanceOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;

    private static string[] Network(string callingAe) =>
        ["-aet", callingAe, "-aec", GatewayFixture.AeTitle, "-to", "10", "-ta", "10", "-td", "10"];

    private static Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments) =>
        ExternalTool.RunAsync(tool, arguments, ToolTimeout, NoDelay);

    private static async Task<GatewayFixture> FilledGatewayAsync(Action<GatewayOptions>? configure = null)
    {
        var gateway = await GatewayFixture.StartAsync(configure);
        var stored = await RunAsync("storescu", [.. Network("MODALITY"), "127.0.0.1", gateway.Port.ToString(), .. Files]);
        Assert.True(stored.ExitCode == 0, $"storescu: {stored.StandardError}{stored.StandardOutput}\n{gateway.LogText}");
        return gateway;
    }

    private static int PendingResponses(ToolResult result) => PendingFindResponse().Matches(result.StandardError + result.StandardOutput).Count;

    [GeneratedRegex(@"Find Response.*\(Pending\)")]
    private static partial Regex PendingFindResponse();

    [Fact]
    public async Task Findscu_finds_the_studies_storescu_just_stored_in_study_root_and_patient_root()
    {
        await using var gateway = await FilledGatewayAsync();

        var studies = await RunAsync("findscu", ["-v", "-S", .. Network("VIEWER"), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientID",
            "127.0.0.1", gateway.Port.ToString()]);
        var patient = await RunAsync("findscu", ["-v", "-P", .. Network("VIEWER"), "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID=crlab", "-k", "PatientName",
            "127.0.0.1", gateway.Port.ToString()]);

        var studyOutput = studies.StandardError + studies.StandardOutput;
        Assert.True(studies.ExitCode == 0, $"findscu: {studyOutput}\n{gateway.LogText}");
        Assert.Equal(2, PendingResponses(studies));
        foreach (var file in Files) Assert.Contains(StudyOf(file), studyOutput);
        Assert.True(patient.ExitCode == 0, $"findscu: {patient.StandardError}{patient.StandardOutput}");
        Assert.Equal(1, PendingResponses(patient));
        Assert.Contains("crlab", patient.StandardError + patient.StandardOutput);
    }

    [Fact]
    public async Task Findscu_finds_an_instance_another_gateway_stored_in_the_shared_folder_once_it_is_announced()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var source = Files[0];
        var header = DicomFileReader.Read(source).Dataset;
        var sop = header.GetString(DicomTags.SOPInstanceUID)!;
        IBlobStore blobs = new FileSystemBlobStore(gateway.DataDirectory);
        var path = blobs.GetPath(blobs.GetKey(new InstanceKey(StudyOf(source), header.GetString(DicomTags.SeriesInstanceUID)!, sop)));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path);
        string[] query = ["-v", "-S", .. Network("VIEWER"), "-k", "QueryRetrieveLevel=IMAGE", "-k", $"StudyInstanceUID={StudyOf(source)}",
            "-k", $"SeriesInstanceUID={header.GetString(DicomTags.SeriesInstanceUID)}", "-k", "SOPInstanceUID", "127.0.0.1", gateway.Port.ToString()];

        var before = await RunAsync("findscu", query);
        var indexed = gateway.Service.IndexSharedInstance(sop, path, replaced: false);
        var after = await RunAsync("findscu", query);

        Assert.True(before.ExitCode == 0 && after.ExitCode == 0, $"findscu: {before.StandardError}{after.StandardError}\n{gateway.LogText}");
        Assert.Equal(0, PendingResponses(before));
        Assert.True(indexed, gateway.LogText);
        Assert.Equal(1, PendingResponses(after));
        Assert.Contains(sop, after.StandardError + after.StandardOutput);
        // Announced again without being replaced (e.g. its own InstanceStored coming back): nothing to read.
        Assert.False(gateway.Service.IndexSharedInstance(sop, path, replaced: false));
    }

    [Fact]
    public async Task An_instance_announced_while_the_gateway_scans_its_folder_is_indexed_right_after_the_scan()
    {
        using var data = new TempFolder();
        var options = new GatewayOptions { AeTitles = [GatewayFixture.AeTitle], BindAddress = "127.0.0.1", Port = GatewayFixture.FreePort(), DataDirectory = data.Path };
        await using var store = new SqliteImagingStore(Path.Combine(data.Path, "index.db"));
        await store.MigrateAsync(CancellationToken.None);
        var ingest = new IngestCStoreProvider(new FileSystemBlobStore(data.Path), store, SeriesQuietTimeouts.From(options), Polly.ResiliencePipeline.Empty,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<IngestCStoreProvider>.Instance);
        await using var service = new DicomGatewayService(options, ingest, Microsoft.Extensions.Logging.Abstractions.NullLogger<DicomGatewayService>.Instance);
        var source = Files[0];
        var header = DicomFileReader.Read(source).Dataset;
        var sop = header.GetString(DicomTags.SOPInstanceUID)!;
        // Not in the folder while the scan runs: only the announcement can bring it in.
        var elsewhere = Path.Combine(data.Path, ".incoming-elsewhere", "x.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        File.Copy(source, elsewhere);

        Assert.False(service.IndexSharedInstance(sop, elsewhere, replaced: false));
        await service.StartAsync(CancellationToken.None);
        try
        {
            var found = await RunAsync("findscu", ["-v", "-S", .. Network("VIEWER"), "-k", "QueryRetrieveLevel=IMAGE", "-k", $"StudyInstanceUID={StudyOf(source)}",
                "-k", $"SeriesInstanceUID={header.GetString(DicomTags.SeriesInstanceUID)}", "-k", "SOPInstanceUID", "127.0.0.1", options.Port.ToString()]);
            Assert.Equal(1, PendingResponses(found));
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await service.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task Movescu_receives_the_study_at_the_destination_configured_for_its_ae_title()
    {
        var port = GatewayFixture.FreePort();
        await using var gateway = await FilledGatewayAsync(o => o.MoveDestinations = [new MoveDestinationOptions { AeTitle = "MOVER", Host = "127.0.0.1", Port = port }]);
        using var received = new TempFolder();

        var result = await RunAsync("movescu", ["-v", "-S", .. Network("MOVER"), "-aem", "MOVER", "--port", port.ToString(), "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={StudyOf(Files[0])}", "127.0.0.1", gateway.Port.ToString()]);

        Assert.True(result.ExitCode == 0, $"movescu: {result.StandardError}{result.StandardOutput}\n{gateway.LogText}");
        Assert.Equal([SopInstanceOf(Files[0])], Directory.GetFiles(received.Path).Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!));
    }

    [Fact]
    public async Task Movescu_to_an_unconfigured_destination_is_refused_with_move_destination_unknown()
    {
        await using var gateway = await FilledGatewayAsync();

        var result = await RunAsync("movescu", ["-v", "-S", .. Network("MOVER"), "-aem", "NOWHERE",
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={StudyOf(Files[0])}", "127.0.0.1", gateway.Port.ToString()]);

        Assert.Contains("Received Final Move Response (Refused: MoveDestinationUnknown)", result.StandardError + result.StandardOutput);
    }

    [Fact]
    public async Task Getscu_receives_the_study_on_its_own_association()
    {
        await using var gateway = await FilledGatewayAsync();
        using var received = new TempFolder();

        var result = await RunAsync("getscu", ["-v", "-S", .. Network("VIEWER"), "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={StudyOf(Files[1])}", "127.0.0.1", gateway.Port.ToString()]);

        Assert.True(result.ExitCode == 0, $"getscu: {result.StandardError}{result.StandardOutput}\n{gateway.LogText}");
        Assert.Equal([SopInstanceOf(Files[1])], Directory.GetFiles(received.Path).Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!));
    }

    [Fact]
    public async Task An_ae_without_find_permission_has_its_find_context_refused_while_a_permitted_ae_finds()
    {
        await using var gateway = await FilledGatewayAsync(o => o.CallingAes =
        [
            new CallingAeOptions { AeTitle = "MODALITY", Permissions = ["store"] },
            new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find"] },
        ]);
        string[] query = ["-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", gateway.Port.ToString()];

        var refused = await RunAsync("findscu", [.. Network("MODALITY"), .. query]);
        var permitted = await RunAsync("findscu", [.. Network("VIEWER"), .. query]);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("No Acceptable Presentation Contexts", refused.StandardError + refused.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.True(permitted.ExitCode == 0, $"findscu: {permitted.StandardError}{permitted.StandardOutput}\n{gateway.LogText}");
        Assert.Equal(2, PendingResponses(permitted));
    }

    [Fact]
    public async Task Getscu_from_an_ae_with_find_but_not_get_permission_is_refused_its_get_context()
    {
        await using var gateway = await FilledGatewayAsync(o => o.CallingAes =
        [
            new CallingAeOptions { AeTitle = "MODALITY", Permissions = ["store"] },
            new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find"] },
        ]);
        using var received = new TempFolder();

        var result = await RunAsync("getscu", ["-v", "-S", .. Network("VIEWER"), "-od", received.Path,
            "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={StudyOf(Files[1])}", "127.0.0.1", gateway.Port.ToString()]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No Acceptable Presentation Contexts", result.StandardError + result.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(received.Path));
    }
}
