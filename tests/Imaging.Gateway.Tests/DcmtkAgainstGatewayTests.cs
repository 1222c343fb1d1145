using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;

namespace Imaging.Gateway.Tests;

/// <summary>DCMTK's echoscu and storescu against the gateway: storage, access control, the disk watermark and DICOM TLS.</summary>
public sealed class DcmtkAgainstGatewayTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] Files =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
    ];

    private static string[] Network(string callingAe = "MODALITY") =>
        ["-aet", callingAe, "-aec", GatewayFixture.AeTitle, "-to", "10", "-ta", "10", "-td", "10"];

    private static Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments) =>
        ExternalTool.RunAsync(tool, arguments, ToolTimeout, NoDelay);

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> describe)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Condition not met within 10 s. {describe()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Storescu_files_arrive_stored_in_the_data_folder()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        var result = await RunAsync("storescu", [.. Network(), "127.0.0.1", gateway.Port.ToString(), .. Files]);

        Assert.True(result.ExitCode == 0, $"storescu: {result.StandardError}{result.StandardOutput}\n{gateway.LogText}");
        Assert.Equal(Files.Length, gateway.StoredFiles().Count);
        await WaitUntilAsync(() => gateway.Service.Health().ActiveAssociations == 0, () => gateway.LogText);
        Assert.True(gateway.Service.Health().Listening);
    }

    [Fact]
    public async Task A_calling_ae_not_in_the_allow_list_is_rejected_and_the_log_says_why()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.CallingAes = [new CallingAeOptions { AeTitle = "MODALITY" }]);

        var stranger = await RunAsync("echoscu", [.. Network("STRANGER"), "127.0.0.1", gateway.Port.ToString()]);
        var known = await RunAsync("echoscu", [.. Network("MODALITY"), "127.0.0.1", gateway.Port.ToString()]);

        Assert.NotEqual(0, stranger.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", stranger.StandardError + stranger.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("calling AE title 'STRANGER' is not allowed", gateway.LogText);
        Assert.True(known.ExitCode == 0, $"echoscu: {known.StandardError}{known.StandardOutput}\n{gateway.LogText}");
    }

    [Fact]
    public async Task A_calling_ae_from_another_host_than_configured_is_rejected()
    {
        await using var gateway = await GatewayFixture.StartAsync(o =>
            o.CallingAes = [new CallingAeOptions { AeTitle = "MODALITY", Hosts = ["192.0.2.10"] }]);

        var result = await RunAsync("echoscu", [.. Network("MODALITY"), "127.0.0.1", gateway.Port.ToString()]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("calling AE title 'MODALITY' is not allowed from this host", gateway.LogText);
    }

    [Fact]
    public async Task A_disk_watermark_above_free_space_rejects_new_associations_as_a_transient_local_limit()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.DiskWatermark.MinimumFreeBytes = long.MaxValue);

        var result = await RunAsync("echoscu", [.. Network(), "127.0.0.1", gateway.Port.ToString()]);

        var output = result.StandardError + result.StandardOutput;
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Rejected Transient", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Local limit exceeded", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("free storage is below the watermark", gateway.LogText);
    }

    [Fact]
    public async Task An_ae_without_store_permission_can_echo_but_its_storage_contexts_are_refused()
    {
        await using var gateway = await GatewayFixture.StartAsync(o =>
            o.CallingAes = [new CallingAeOptions { AeTitle = "VIEWER", Permissions = ["find"] }]);

        var echo = await RunAsync("echoscu", [.. Network("VIEWER"), "127.0.0.1", gateway.Port.ToString()]);
        var store = await RunAsync("storescu", [.. Network("VIEWER"), "127.0.0.1", gateway.Port.ToString(), .. Files]);

        Assert.True(echo.ExitCode == 0, $"echoscu: {echo.StandardError}{echo.StandardOutput}\n{gateway.LogText}");
        Assert.NotEqual(0, store.ExitCode);
        Assert.Empty(gateway.StoredFiles());
    }

    [Fact]
    public async Task Tls_echo_and_store_succeed_with_a_trusted_client_certificate_and_fail_without_one()
    {
        using var folder = new TempFolder();
        using var server = TestCertificate.Create(folder.Path, "gateway");
        using var client = TestCertificate.Create(folder.Path, "modality");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = server.CertificatePath;
            o.Tls.KeyPath = server.KeyPath;
            o.Tls.RequireClientCertificate = true;
            o.Tls.AllowedClientThumbprints = [client.Certificate.Thumbprint];
        });
        string[] tls = ["+tls", client.KeyPath, client.CertificatePath, "+cf", server.CertificatePath, "--require-peer-cert"];
        var port = gateway.TlsPort.ToString();

        var echo = await RunAsync("echoscu", [.. Network(), .. tls, "127.0.0.1", port]);
        var store = await RunAsync("storescu", [.. Network(), .. tls, "127.0.0.1", port, .. Files]);
        var anonymous = await RunAsync("echoscu", [.. Network(), "--anonymous-tls", "+cf", server.CertificatePath, "127.0.0.1", port]);
        var plainOnTls = await RunAsync("echoscu", [.. Network(), "127.0.0.1", port]);

        Assert.True(echo.ExitCode == 0, $"echoscu +tls: {echo.StandardError}{echo.StandardOutput}\n{gateway.LogText}");
        Assert.True(store.ExitCode == 0, $"storescu +tls: {store.StandardError}{store.StandardOutput}\n{gateway.LogText}");
        Assert.Equal(Files.Length, gateway.StoredFiles().Count);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.NotEqual(0, plainOnTls.ExitCode);
        Assert.Contains("connection refused before association", gateway.LogText);
    }

    [Fact]
    public async Task A_tls_client_that_does_not_trust_the_server_certificate_cannot_associate()
    {
        using var folder = new TempFolder();
        using var server = TestCertificate.Create(folder.Path, "gateway");
        using var other = TestCertificate.Create(folder.Path, "other");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = server.CertificatePath;
            o.Tls.KeyPath = server.KeyPath;
        });

        var result = await RunAsync("echoscu", [.. Network(), "--anonymous-tls", "+cf", other.CertificatePath, "--require-peer-cert", "127.0.0.1", gateway.TlsPort.ToString()]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task With_a_user_identity_required_only_storescu_with_a_configured_username_and_password_may_store()
    {
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Users = [new UserOptions { Username = "modality", Password = "s3cret" }];
            o.RequireUserIdentity = true;
        });
        var port = gateway.Port.ToString();

        var anonymous = await RunAsync("storescu", [.. Network(), "127.0.0.1", port, Files[0]]);
        var wrong = await RunAsync("storescu", [.. Network(), "-usr", "modality", "-pwd", "guess", "127.0.0.1", port, Files[0]]);
        var right = await RunAsync("storescu", [.. Network(), "-usr", "modality", "-pwd", "s3cret", "-rsp", "127.0.0.1", port, Files[0]]);

        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.True(right.ExitCode == 0, $"storescu -usr: {right.StandardError}{right.StandardOutput}\n{gateway.LogText}");
        Assert.Single(gateway.StoredFiles());
        Assert.Contains("a user identity is required and none was sent", gateway.LogText);
    }

    [Fact]
    public async Task Stopping_the_gateway_aborts_an_open_association_and_frees_its_slot()
    {
        var gateway = await GatewayFixture.StartAsync();
        await using (gateway)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            using var socket = new System.Net.Sockets.TcpClient();
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, gateway.Port, timeout.Token);
            var stream = socket.GetStream();
            var request = new Imaging.Dicom.Network.AssociateRequestPdu(GatewayFixture.AeTitle, "MODALITY",
                [new Imaging.Dicom.Network.PresentationContextRequest(1, Imaging.Dicom.Dictionary.DicomUids.Verification.Uid, ["1.2.840.10008.1.2"])],
                Imaging.Dicom.Network.UserInformation.ForThisImplementation(16384));
            await stream.WriteAsync(Imaging.Dicom.Network.PduWriter.ToArray(request), timeout.Token);
            Assert.Equal(0x02, await ReadPduTypeAsync(stream, timeout.Token)); // A-ASSOCIATE-AC
            await WaitUntilAsync(() => gateway.Service.Health().ActiveAssociations == 1, () => gateway.LogText);

            await gateway.Service.StopAsync(timeout.Token);

            Assert.Equal(0, gateway.Service.Health().ActiveAssociations);
            Assert.Contains("server stopping; aborting the association", gateway.LogText);
            Assert.Equal(0x07, await ReadPduTypeAsync(stream, timeout.Token)); // A-ABORT
        }
    }

    /// <summary>Reads one whole PDU and returns its type.</summary>
    private static async Task<byte> ReadPduTypeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[6];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
        await stream.ReadExactlyAsync(new byte[length], cancellationToken);
        return header[0];
    }
}
