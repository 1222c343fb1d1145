using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests.Infrastructure;

/// <summary>`imaging serve` as a separate process, filled once by DCMTK storescu with three studies (one MR series of
/// two instances, a CT, a JPEG Baseline ultrasound), with two C-MOVE destinations set through the environment
/// (Gateway:MoveDestinations): STORESCP, a DCMTK storescp, and DOWN, where nothing listens.</summary>
public sealed class ServeWithStudies : IAsyncLifetime
{
    public const string AeTitle = "GATEWAY";
    public const string StorescpAeTitle = StorescpPeer.AETitle;
    public const string DownAeTitle = "DOWN";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempFolder _data = new();
    private StorescpPeer? _storescp;
    private CliProcess? _serve;

    public static IReadOnlyList<string> UncompressedFiles { get; } =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
    ];

    public static string JpegFile { get; } = TestPaths.Corpus("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm");

    public static IReadOnlyDictionary<string, string> NoDelay { get; } = new Dictionary<string, string> { ["TCP_NODELAY"] = "1" };

    public int DicomPort { get; private set; }

    internal StorescpPeer Storescp => _storescp!;

    /// <summary>What serve logged so far, for failure messages.</summary>
    public string Log => _serve is null ? "" : $"stdout:\n{_serve.StandardOutput}\nstderr:\n{_serve.StandardError}";

    /// <summary>Network options every DCMTK tool here takes: called AE, our port and timeouts, in front of the host.</summary>
    public string[] Peer(string callingAe) => ["-aet", callingAe, "-aec", AeTitle, "-to", "10", "-ta", "10", "-td", "10"];

    public async Task InitializeAsync()
    {
        _storescp = await StorescpPeer.StartAsync();
        DicomPort = FreePort.Next();
        _serve = CliProcess.Start(["serve", "--data", _data.Path, "--dicom-port", DicomPort.ToString(), "--http-port", FreePort.Next().ToString(), "--ae-title", AeTitle],
            new Dictionary<string, string>
            {
                [$"IMAGING_GATEWAY__MOVEDESTINATIONS__{StorescpAeTitle}"] = $"127.0.0.1:{_storescp.Port}",
                // A port nothing listens on: every sub-operation to it fails.
                [$"IMAGING_GATEWAY__MOVEDESTINATIONS__{DownAeTitle}"] = $"127.0.0.1:{FreePort.Next()}",
            });
        await TcpWait.UntilListeningAsync(DicomPort, Timeout, () => Log);
        var stored = await ExternalTool.RunAsync("storescu", [.. Peer("MODALITY"), "127.0.0.1", DicomPort.ToString(), .. UncompressedFiles], Timeout, NoDelay.ToDictionary());
        stored.EnsureSuccess("storescu");
        // Proposed in JPEG Baseline, so the gateway keeps it compressed.
        var jpeg = await ExternalTool.RunAsync("storescu", ["-xy", .. Peer("MODALITY"), "127.0.0.1", DicomPort.ToString(), JpegFile], Timeout, NoDelay.ToDictionary());
        jpeg.EnsureSuccess("storescu -xy");
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null) await _serve.DisposeAsync();
        if (_storescp is not null) await _storescp.DisposeAsync();
        _data.Dispose();
    }
}
