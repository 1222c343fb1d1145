using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.Network;

/// <summary>DCMTK's echoscu and storescu, real SCUs none of us wrote, against our <see cref="DicomServer"/>.</summary>
public class DcmtkScuAgainstOurServerTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    [Fact]
    public async Task Dcmtk_echoscu_verifies_against_our_server()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await ExternalTool.RunAsync("echoscu",
            ["-aec", TestServer.AETitle, "-to", "10", "-ta", "10", "-td", "10", "127.0.0.1", server.Port.ToString()],
            TimeSpan.FromSeconds(25), NoDelay, cancellationToken: timeout.Token);

        Assert.True(result.ExitCode == 0, $"echoscu exit code {result.ExitCode}: {result.StandardError}{result.StandardOutput}\n{server.Log}");
        await Eventually.TrueAsync(() => server.Server.ActiveAssociations == 0, TimeSpan.FromSeconds(5), () => server.Log.ToString());
        Assert.Contains(server.Log.Lines, l => l.Contains("released", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dcmtk_storescu_files_in_several_transfer_syntaxes_arrive_with_the_same_data_set()
    {
        await using var server = new TestServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var files = NetworkTestFiles.SeveralTransferSyntaxes;

        // storescu proposes one compressed syntax per run (next to the uncompressed ones), so files go in one run per option.
        foreach (var group in files.GroupBy(f => ProposalOption(DicomFileReader.Read(f).TransferSyntax)))
        {
            var result = await ExternalTool.RunAsync("storescu",
                ["-R", .. group.Key is { } option ? [option] : Array.Empty<string>(), "-aec", TestServer.AETitle, "-aet", "STORESCU",
                    "-to", "20", "-ta", "20", "-td", "20", "127.0.0.1", server.Port.ToString(), .. group],
                TimeSpan.FromSeconds(20), NoDelay, cancellationToken: timeout.Token);
            var log = $"{result.StandardError}{result.StandardOutput}";
            Assert.True(result.ExitCode == 0, $"storescu {group.Key} exit code {result.ExitCode}: {log}\n{server.Log}");
            Assert.DoesNotContain("E: ", log);
        }

        foreach (var file in files)
        {
            var dataset = DicomFileReader.Read(file).Dataset;
            var stored = server.Store.GetInstancePath(dataset.GetSingleString(DicomTags.StudyInstanceUID)!,
                dataset.GetSingleString(DicomTags.SeriesInstanceUID)!, dataset.GetSingleString(DicomTag.SopInstanceUid)!);
            Assert.True(File.Exists(stored), $"{file} was not stored: {server.Log}");
            DataSetAssert.HasZeroedPreamble(stored);
            DataSetAssert.SameContent(file, stored);
        }
        Assert.Empty(server.IncomingFiles());
    }

    /// <summary>The storescu option that proposes a file's compressed syntax; null for the uncompressed ones it proposes anyway.</summary>
    private static string? ProposalOption(DicomTransferSyntax syntax) => syntax.Uid switch
    {
        "1.2.840.10008.1.2.5" => "-xr",
        "1.2.840.10008.1.2.4.70" => "-xs",
        "1.2.840.10008.1.2.4.80" => "-xt",
        "1.2.840.10008.1.2.4.90" => "-xv",
        "1.2.840.10008.1.2.1.99" => "-xd",
        _ when !syntax.IsEncapsulated && !syntax.IsDeflated => null,
        _ => throw new InvalidOperationException($"No storescu option proposes {syntax.Name}."),
    };
}
