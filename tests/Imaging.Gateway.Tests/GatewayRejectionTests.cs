using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;

namespace Imaging.Gateway.Tests;

/// <summary>Association rejections and refusals as they travel on the wire (PS3.8 9.3.4, Table 9-21; 9.3.3.2): the
/// per-listener association cap on the plain and the TLS listener, an unknown calling AE, the disk watermark, and
/// per-service permissions refused as presentation contexts, checked both in the PDU bytes and through DCMTK.</summary>
public sealed class GatewayRejectionTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);
    private const string CtFile = "ct_mr/CT_WG04_CT1_ELE.dcm";

    // A-ASSOCIATE-RJ: type 03H, reserved, length 4, reserved, then result, source, reason/diag.
    private static readonly byte[] LocalLimitExceeded = [0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x02, 0x03, 0x02];
    private static readonly byte[] CallingAeTitleNotRecognized = [0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x03];

    private static string[] Network(string callingAe = "MODALITY") =>
        ["-aet", callingAe, "-aec", GatewayFixture.AeTitle, "-to", "10", "-ta", "10", "-td", "10"];

    private static Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments) =>
        ExternalTool.RunAsync(tool, arguments, ToolTimeout, NoDelay);

    [Fact]
    public async Task Each_listener_caps_its_own_associations_and_rejects_one_more_as_a_transient_local_limit_then_closes()
    {
        using var folder = new TempFolder();
        using var certificate = TestCertificate.Create(folder.Path, "gateway");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.MaximumConcurrentAssociations = 1;
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = certificate.CertificatePath;
            o.Tls.KeyPath = certificate.KeyPath;
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] tls = ["--anonymous-tls", "+cf", certificate.CertificatePath];

        // One association held on each listener: each is at its cap, and neither cap counts the other's.
        await using var plainHeld = await PeerConnection.OpenAsync(gateway.Port, tls: false, timeout.Token);
        Assert.Equal(0x02, (await plainHeld.AssociateAsync("MODALITY", timeout.Token))[0]);
        await using var tlsHeld = await PeerConnection.OpenAsync(gateway.TlsPort, tls: true, timeout.Token);
        Assert.Equal(0x02, (await tlsHeld.AssociateAsync("MODALITY", timeout.Token))[0]);
        Assert.Equal(2, gateway.Service.Health().ActiveAssociations);

        foreach (var (port, secure) in new[] { (gateway.Port, false), (gateway.TlsPort, true) })
        {
            await using var extra = await PeerConnection.OpenAsync(port, secure, timeout.Token);
            Assert.Equal(LocalLimitExceeded, await extra.AssociateAsync("MODALITY", timeout.Token));
            Assert.True(await extra.IsClosedByPeerAsync(timeout.Token), $"{(secure ? "TLS" : "plain")} connection still open after the reject");

            var echo = await RunAsync("echoscu", [.. Network(), .. secure ? tls : [], "127.0.0.1", port.ToString()]);
            var output = echo.StandardError + echo.StandardOutput;
            Assert.NotEqual(0, echo.ExitCode);
            Assert.Contains("Rejected Transient", output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Local limit exceeded", output, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(2, gateway.Service.Health().ActiveAssociations);

        // Releasing frees the plain listener's slot only.
        Assert.Equal(0x06, (await plainHeld.ReleaseAsync(timeout.Token))[0]);
        await WaitUntilAsync(() => gateway.Service.Health().ActiveAssociations == 1, () => gateway.LogText);
        var plainAgain = await RunAsync("echoscu", [.. Network(), "127.0.0.1", gateway.Port.ToString()]);
        var tlsStillFull = await RunAsync("echoscu", [.. Network(), .. tls, "127.0.0.1", gateway.TlsPort.ToString()]);
        Assert.True(plainAgain.ExitCode == 0, $"echoscu: {plainAgain.StandardError}{plainAgain.StandardOutput}\n{gateway.LogText}");
        Assert.NotEqual(0, tlsStillFull.ExitCode);
        Assert.Contains("the concurrent association limit is reached", gateway.LogText);
    }

    [Fact]
    public async Task An_unknown_calling_ae_gets_rejected_permanent_from_the_service_user_with_reason_3()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.CallingAes = [new CallingAeOptions { AeTitle = "MODALITY" }]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var stranger = await PeerConnection.OpenAsync(gateway.Port, tls: false, timeout.Token);
        Assert.Equal(CallingAeTitleNotRecognized, await stranger.AssociateAsync("STRANGER", timeout.Token));
        Assert.True(await stranger.IsClosedByPeerAsync(timeout.Token));

        var echo = await RunAsync("echoscu", [.. Network("STRANGER"), "127.0.0.1", gateway.Port.ToString()]);
        var output = echo.StandardError + echo.StandardOutput;
        Assert.NotEqual(0, echo.ExitCode);
        Assert.Contains("Rejected Permanent", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Calling AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_disk_below_the_watermark_gets_rejected_transient_from_the_presentation_provider_with_reason_2()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.DiskWatermark.MinimumFreeBytes = long.MaxValue);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var peer = await PeerConnection.OpenAsync(gateway.Port, tls: false, timeout.Token);
        Assert.Equal(LocalLimitExceeded, await peer.AssociateAsync("MODALITY", timeout.Token));
        Assert.True(await peer.IsClosedByPeerAsync(timeout.Token));
        Assert.Equal(0, gateway.Service.Health().ActiveAssociations);
    }

    [Fact]
    public async Task Services_an_ae_may_not_use_are_refused_as_unsupported_abstract_syntaxes_not_by_rejecting_the_association()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.CallingAes =
        [
            new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find"] },
            new CallingAeOptions { AeTitle = "MODALITY", Permissions = ["store"] },
        ]);
        var port = gateway.Port.ToString();

        var store = await RunAsync("storescu", ["-d", .. Network("VIEWER"), "127.0.0.1", port, TestPaths.Corpus(CtFile)]);
        var find = await RunAsync("findscu", ["-d", "-S", .. Network("MODALITY"), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID",
            "127.0.0.1", port]);

        foreach (var (tool, result) in new[] { ("storescu", store), ("findscu", find) })
        {
            var output = result.StandardError + result.StandardOutput;
            Assert.True(result.ExitCode != 0, $"{tool} succeeded: {output}");
            // The association itself was accepted (A-ASSOCIATE-AC); only the context was refused, with result 3.
            Assert.Contains("A-ASSOCIATE-AC", output, StringComparison.Ordinal);
            Assert.Contains("(Abstract Syntax Not Supported)", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("A-ASSOCIATE-RJ", output, StringComparison.Ordinal);
            Assert.Contains("No Acceptable Presentation Contexts", output, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(gateway.StoredFiles());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> describe)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Condition not met within 10 s. {describe()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>A hand-driven requestor over plain TCP or TLS (the server's certificate is not checked: these tests are
    /// about what follows the handshake).</summary>
    private sealed class PeerConnection : IAsyncDisposable
    {
        private readonly TcpClient _client;
        private readonly Stream _stream;

        private PeerConnection(TcpClient client, Stream stream)
        {
            _client = client;
            _stream = stream;
        }

        public static async Task<PeerConnection> OpenAsync(int port, bool tls, CancellationToken cancellationToken)
        {
            var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            Stream stream = client.GetStream();
            if (tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken);
                stream = ssl;
            }
            return new PeerConnection(client, stream);
        }

        /// <summary>Sends an A-ASSOCIATE-RQ proposing verification; returns the whole answer PDU's bytes.</summary>
        public async Task<byte[]> AssociateAsync(string callingAe, CancellationToken cancellationToken)
        {
            var request = new AssociateRequestPdu(GatewayFixture.AeTitle, callingAe,
                [new PresentationContextRequest(1, DicomUids.Verification.Uid, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid])],
                UserInformation.ForThisImplementation(16384));
            await _stream.WriteAsync(PduWriter.ToArray(request), cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            return await ReadPduAsync(cancellationToken);
        }

        public async Task<byte[]> ReleaseAsync(CancellationToken cancellationToken)
        {
            await _stream.WriteAsync(PduWriter.ToArray(ReleaseRequestPdu.Instance), cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            return await ReadPduAsync(cancellationToken);
        }

        /// <summary>True when the server closes the connection (end of stream or reset) instead of sending more.</summary>
        public async Task<bool> IsClosedByPeerAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _stream.ReadAsync(new byte[1], cancellationToken) == 0;
            }
            catch (IOException)
            {
                return true;
            }
        }

        private async Task<byte[]> ReadPduAsync(CancellationToken cancellationToken)
        {
            var header = new byte[6];
            await _stream.ReadExactlyAsync(header, cancellationToken);
            var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2))];
            await _stream.ReadExactlyAsync(body, cancellationToken);
            return [.. header, .. body];
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            _client.Dispose();
        }
    }
}
