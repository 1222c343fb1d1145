using System.Diagnostics;
using System.Net;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging find`, `imaging move` and `imaging get` against `imaging serve` (filled by DCMTK storescu) and
/// `imaging find` against DCMTK dcmqrscp; argument errors exit 2, DICOM failures 1.</summary>
public sealed class QueryRetrieveCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static readonly string[] Files =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
    ];

    private static string StudyOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.StudyInstanceUID)!;

    private static string SopInstanceOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;

    private static string[] SopInstancesIn(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.dcm", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".incoming", StringComparison.Ordinal))
            .Select(f => DicomFileReader.Read(f).Dataset.GetString(DicomTags.SOPInstanceUID)!)];

    private static async Task StoreAsync(string calledAe, int port)
    {
        var store = await ExternalTool.RunAsync("storescu", ["-aec", calledAe, "-to", "10", "127.0.0.1", port.ToString(), .. Files], Timeout, NoDelay);
        Assert.True(store.ExitCode == 0, $"storescu: {store.StandardError}{store.StandardOutput}");
    }

    [Fact]
    public async Task Find_move_and_get_against_serve_return_what_storescu_stored()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        var moved = Path.Combine(temp.Path, "moved");
        var got = Path.Combine(temp.Path, "got");
        Directory.CreateDirectory(moved);
        await using var sink = new DicomServer(new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Policy = new AssociationPolicy { CalledAETitles = ["SINK"], AbstractSyntaxes = StandardAbstractSyntaxes.VerificationAndStorage() },
            StoreProvider = new FileSystemCStoreProvider(moved),
        });
        sink.Start();
        var dicomPort = FreePort.Next();
        await using var serve = CliProcess.Start(["serve", "--data", data, "--dicom-port", dicomPort.ToString(), "--http-port", FreePort.Next().ToString(), "--ae-title", "GATEWAY"],
            new Dictionary<string, string> { ["IMAGING_GATEWAY__MOVEDESTINATIONS__SINK"] = $"127.0.0.1:{sink.LocalEndPoint.Port}" });
        await TcpWait.UntilListeningAsync(dicomPort, Timeout, () => $"stdout:\n{serve.StandardOutput}\nstderr:\n{serve.StandardError}");
        await StoreAsync("GATEWAY", dicomPort);
        string[] peer = ["--aec", "GATEWAY", "127.0.0.1", dicomPort.ToString()];

        var studies = await CliRunner.RunAsync(["find", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientID", .. peer]);
        var patient = await CliRunner.RunAsync(["find", "-P", "--json", "-k", "PatientID=crlab", "-k", "PatientName", .. peer]);
        var move = await CliRunner.RunAsync(["move", "--dest", "SINK", "-k", $"StudyInstanceUID={StudyOf(Files[0])}", .. peer]);
        var get = await CliRunner.RunAsync(["get", "--out", got, "-k", $"StudyInstanceUID={StudyOf(Files[1])}", .. peer]);
        var unknownDestination = await CliRunner.RunAsync(["move", "--dest", "NOWHERE", "-k", $"StudyInstanceUID={StudyOf(Files[0])}", .. peer]);

        Assert.True(studies.ExitCode == 0, studies.StandardError + serve.StandardOutput);
        Assert.EndsWith("2 matches", studies.StandardOutput.TrimEnd());
        foreach (var file in Files) Assert.Contains(StudyOf(file), studies.StandardOutput);
        Assert.Contains("(0008,0052) CS [STUDY]", studies.StandardOutput);

        Assert.True(patient.ExitCode == 0, patient.StandardError);
        var json = Assert.Single(patient.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"00100020\":{\"vr\":\"LO\",\"Value\":[\"crlab\"]}", json);
        Assert.Equal("1 match", patient.StandardError.Trim());

        Assert.True(move.ExitCode == 0, move.StandardError + serve.StandardOutput);
        Assert.Contains("C-MOVE status 0x0000: 1 completed, 0 failed, 0 warning", move.StandardOutput);
        Assert.Equal([SopInstanceOf(Files[0])], SopInstancesIn(moved));

        Assert.True(get.ExitCode == 0, get.StandardError + serve.StandardOutput);
        Assert.Contains("C-GET status 0x0000: 1 completed, 0 failed, 0 warning", get.StandardOutput);
        Assert.Equal([SopInstanceOf(Files[1])], SopInstancesIn(got));

        Assert.Equal(1, unknownDestination.ExitCode);
        Assert.Contains("imaging: move: status 0xA801", unknownDestination.StandardError);
    }

    [Fact]
    public async Task Find_against_dcmtk_dcmqrscp_lists_the_studies_stored_into_it()
    {
        using var temp = new TempFolder();
        var database = Path.Combine(temp.Path, "db");
        Directory.CreateDirectory(database);
        var port = FreePort.Next();
        var config = temp.File("dcmqrscp.cfg");
        await File.WriteAllTextAsync(config, $"""
            NetworkTCPPort  = {port}
            MaxPDUSize      = 16384
            MaxAssociations = 16
            HostTable BEGIN
            HostTable END
            VendorTable BEGIN
            VendorTable END
            AETable BEGIN
            QRSCP   {database}   RW (200, 1024mb)   ANY
            AETable END
            """);
        var start = new ProcessStartInfo(ExternalTool.Resolve("dcmqrscp")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        start.Environment["TCP_NODELAY"] = "1";
        using var qrscp = Process.Start(start)!;
        try
        {
            await TcpWait.UntilListeningAsync(port, Timeout, () => "dcmqrscp did not listen");
            await StoreAsync("QRSCP", port);

            var studies = await CliRunner.RunAsync("find", "--aec", "QRSCP", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", port.ToString());
            var none = await CliRunner.RunAsync("find", "--aec", "QRSCP", "-S", "-k", "StudyInstanceUID=1.2.3.4", "127.0.0.1", port.ToString());

            Assert.True(studies.ExitCode == 0, studies.StandardError);
            Assert.EndsWith("2 matches", studies.StandardOutput.TrimEnd());
            foreach (var file in Files) Assert.Contains(StudyOf(file), studies.StandardOutput);
            Assert.Equal(0, none.ExitCode);
            Assert.Equal("0 matches", none.StandardOutput.Trim());
        }
        finally
        {
            qrscp.Kill();
            await qrscp.WaitForExitAsync(CancellationToken.None).WaitAsync(Timeout);
        }
    }

    [Theory]
    [InlineData("find", "-k", "NoSuchKeyword=1", "127.0.0.1", "104")]
    [InlineData("find", "-P", "-S", "127.0.0.1", "104")]
    [InlineData("find", "--level", "WARD", "127.0.0.1", "104")]
    [InlineData("find", "-S", "--level", "PATIENT", "127.0.0.1", "104")]
    [InlineData("find", "-k", "PixelData", "127.0.0.1", "104")]
    [InlineData("find", "127.0.0.1", "70000")]
    [InlineData("move", "-k", "StudyInstanceUID=1.2", "127.0.0.1", "104")]
    [InlineData("move", "--dest", "A_TITLE_FAR_TOO_LONG", "127.0.0.1", "104")]
    [InlineData("get", "-k", "StudyInstanceUID=1.2", "127.0.0.1", "104")]
    public async Task Bad_query_arguments_exit_2_with_one_line(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Find_against_a_closed_port_exits_1()
    {
        var result = await CliRunner.RunAsync("find", "-to", "5", "-k", "StudyInstanceUID", "127.0.0.1", FreePort.Next().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("imaging: find: ", result.StandardError);
    }

    [Fact]
    public void Keys_given_as_tags_keywords_and_backslash_lists_build_the_identifier_at_study_level_by_default()
    {
        var arguments = new Imaging.Cli.Scu.QueryArguments();
        var byKeyword = new System.CommandLine.Command("q");
        arguments.AddTo(byKeyword);
        var parsed = byKeyword.Parse(["-k", "0010,0020=PAT1", "-k", "StudyDate=20240101-", "-k", "ModalitiesInStudy=CT\\MR"]);

        var (query, problem) = arguments.Read(parsed);

        Assert.Null(problem);
        Assert.Equal(QueryRetrieveLevel.Study, query!.Level);
        Assert.Equal("PAT1", query.Identifier.GetString(DicomTags.PatientID));
        Assert.Equal("20240101-", query.Identifier.GetString(DicomTags.StudyDate));
        Assert.Equal(["CT", "MR"], query.Identifier.GetElement(DicomTags.ModalitiesInStudy)!.GetStrings(query.Identifier.CharacterSet));
    }
}
