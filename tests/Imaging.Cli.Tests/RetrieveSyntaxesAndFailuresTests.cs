using System.Net;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging get` accepting compressed syntaxes for its C-STORE sub-operations (getscu's +xy, +xr, +xa ...),
/// and `imaging get` / `imaging move` printing the Failed SOP Instance UID List and exiting 1 when the final status is
/// not Success; against our own SCP, which sends instances only in the syntax they are stored in.</summary>
public sealed class RetrieveSyntaxesAndFailuresTests
{
    private const string Study = "1.2.826.0.1.3680043.10.1311.960";

    /// <summary>One study: an uncompressed CT, a JPEG Baseline image and an RLE image.</summary>
    private static readonly string[] Files =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm"),
        TestPaths.Corpus("nm/WG04_NM1_RLE.dcm"),
    ];

    private static string SopInstanceOf(string file) => DicomFileReader.Read(file).Dataset.GetString(DicomTags.SOPInstanceUID)!;

    /// <summary>A C-GET and C-MOVE SCP over <see cref="Files"/>, moving to "DOWN", a port nothing listens on.</summary>
    private static DicomServer StartServer()
    {
        var index = new InMemoryQueryIndex();
        foreach (var file in Files)
        {
            var header = DicomFileReader.Read(file).Dataset;
            header.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, Study);
            Assert.True(index.Add(header, file));
        }
        Assert.Equal(Files.Length, index.Count);
        var syntaxes = new Dictionary<string, IReadOnlyList<string>>(StandardAbstractSyntaxes.VerificationAndStorage(), StringComparer.Ordinal);
        foreach (var sopClass in QueryInformationModels.AllSopClasses())
            syntaxes[sopClass] = [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid];
        var server = new DicomServer(new DicomServerOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Policy = new AssociationPolicy
            {
                CalledAETitles = ["QR"],
                AbstractSyntaxes = syntaxes,
                RequestorScpAbstractSyntaxes = [.. DicomUids.All.Where(u => u.IsStorage).Select(u => u.Uid)],
            },
            GetProvider = index,
            MoveProvider = index,
            MoveDestinations = new Dictionary<string, MoveDestination> { ["DOWN"] = new("127.0.0.1", FreePort.Next()) },
        });
        server.Start();
        return server;
    }

    private static string[] Peer(DicomServer server) => ["--aec", "QR", "-k", $"StudyInstanceUID={Study}", "127.0.0.1", server.LocalEndPoint.Port.ToString()];

    [Fact]
    public async Task Get_without_syntax_options_exits_1_and_prints_the_compressed_instances_as_failed()
    {
        await using var server = StartServer();
        using var output = new TempFolder();

        var result = await CliRunner.RunAsync(["get", "--out", output.Path, .. Peer(server)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("C-GET status 0xB000: 1 completed, 2 failed, 0 warning", result.StandardOutput);
        var listed = result.StandardOutput.Split('\n').SkipWhile(l => !l.StartsWith("Failed SOP Instance UID List", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0);
        Assert.Equal(Files.Skip(1).Select(SopInstanceOf).Order(), listed.Order());
        Assert.StartsWith("imaging: get: status 0xB000", result.StandardError);
    }

    [Theory]
    [InlineData("--prefer-jpeg8", "--prefer-rle")]
    [InlineData("+xy", "+xr")]
    [InlineData("--accept-all")]
    [InlineData("+xa")]
    public async Task Get_accepting_the_compressed_syntaxes_receives_every_instance_as_stored_and_exits_0(params string[] options)
    {
        await using var server = StartServer();
        using var output = new TempFolder();

        var result = await CliRunner.RunAsync(["get", "--out", output.Path, .. options, .. Peer(server)]);

        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        Assert.Contains("C-GET status 0x0000: 3 completed, 0 failed, 0 warning", result.StandardOutput);
        Assert.DoesNotContain("Failed SOP Instance UID List", result.StandardOutput);
        foreach (var file in Files) DataSetAssert.SameDataSetBytes(file, Path.Combine(output.Path, SopInstanceOf(file) + ".dcm"));
    }

    [Fact]
    public async Task Move_to_a_destination_that_is_down_exits_1_and_prints_every_instance_as_failed()
    {
        await using var server = StartServer();

        var result = await CliRunner.RunAsync(["move", "--dest", "DOWN", "-to", "5", .. Peer(server)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("C-MOVE status 0xA702: 0 completed, 3 failed, 0 warning", result.StandardOutput);
        Assert.Contains("Failed SOP Instance UID List (0008,0058), 3:", result.StandardOutput);
        foreach (var file in Files) Assert.Contains($"  {SopInstanceOf(file)}", result.StandardOutput);
        Assert.StartsWith("imaging: move: status 0xA702", result.StandardError);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("move")]
    public async Task The_help_of_get_and_move_documents_the_exit_codes(string command)
    {
        var result = await CliRunner.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        var help = string.Join(' ', result.StandardOutput.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Exit code 0: final status Success; 1:", help);
        Assert.Contains("the Failed SOP Instance UID List is printed); 2: bad arguments.", help);
        if (command == "get") Assert.Contains("--accept-all", help);
    }
}
