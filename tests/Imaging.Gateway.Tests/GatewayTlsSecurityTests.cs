using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway;

namespace Imaging.Gateway.Tests;

/// <summary>DICOM TLS both ways with DCMTK (client certificates chained to a CA file, untrusted ones refused, TLS 1.2 and
/// 1.3) and the gateway-wide host allow-list (CIDR blocks) on the plain and the TLS listener.</summary>
public sealed class GatewayTlsSecurityTests
{
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);
    private static readonly string[] Files = [TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"), TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm")];

    private static string[] Network(string callingAe = "MODALITY") =>
        ["-aet", callingAe, "-aec", GatewayFixture.AeTitle, "-to", "10", "-ta", "10", "-td", "10"];

    private static Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments) => ExternalTool.RunAsync(tool, arguments, ToolTimeout, NoDelay);

    private static DicomClient Client(int port, string calledAe, Func<Stream, CancellationToken, ValueTask<Stream>>? tls) => new(new DicomClientOptions
    {
        Host = "127.0.0.1",
        Port = port,
        CalledAETitle = calledAe,
        CallingAETitle = "MODALITY",
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AssociationTimeout = TimeSpan.FromSeconds(10),
        DimseTimeout = TimeSpan.FromSeconds(20),
        ConnectionStream = tls,
    });

    private static X509Certificate2Collection Trust(X509Certificate2 certificate) => [certificate];

    [Fact]
    public async Task A_client_certificate_chained_to_the_configured_ca_may_store_and_one_from_another_ca_or_none_is_refused_before_association()
    {
        using var temp = new TempFolder();
        using var ca = TlsTestAuthority.Create(temp.Path, "hospital");
        using var rogue = TlsTestAuthority.Create(temp.Path, "rogue");
        using var server = ca.Issue("gateway");
        using var modality = ca.Issue("modality");
        using var stranger = rogue.Issue("stranger");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = server.CertificatePath;
            o.Tls.KeyPath = server.KeyPath;
            o.Tls.RequireClientCertificate = true;
            o.Tls.ClientCaCertificatePath = ca.CertificatePath;
        });
        var port = gateway.TlsPort.ToString();

        var store = await RunAsync("storescu", [.. Network(), "+tls", modality.KeyPath, modality.CertificatePath, "+cf", ca.CertificatePath, "127.0.0.1", port, .. Files]);
        var rogueEcho = await RunAsync("echoscu", [.. Network(), "+tls", stranger.KeyPath, stranger.CertificatePath, "+cf", ca.CertificatePath, "127.0.0.1", port]);
        var anonymous = await RunAsync("echoscu", [.. Network(), "--anonymous-tls", "+cf", ca.CertificatePath, "127.0.0.1", port]);

        Assert.True(store.ExitCode == 0, $"storescu +tls: {store.StandardError}{store.StandardOutput}\n{gateway.LogText}");
        Assert.Equal(Files.Length, gateway.StoredFiles().Count);
        Assert.NotEqual(0, rogueEcho.ExitCode);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Equal(2, gateway.LogText.Split('\n').Count(l => l.Contains("connection refused before association", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Our_scu_echoes_and_stores_through_the_gateway_tls_listener_on_each_tls_version(SslProtocols protocol)
    {
        using var temp = new TempFolder();
        using var ca = TlsTestAuthority.Create(temp.Path, "hospital");
        using var server = ca.Issue("gateway");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = server.CertificatePath;
            o.Tls.KeyPath = server.KeyPath;
        });
        var client = Client(gateway.TlsPort, GatewayFixture.AeTitle, DicomClientTls.Create("localhost", Trust(ca.Certificate), protocols: protocol));

        Assert.Equal(0, await client.EchoAsync());
        var stored = await client.StoreAsync(Files);

        Assert.All(stored, r => Assert.True(r.IsSuccess, $"{r.FilePath}: {r.Status} {r.Error}\n{gateway.LogText}"));
        Assert.Equal(Files.Length, gateway.StoredFiles().Count);
    }

    [Fact]
    public async Task Our_scu_stores_to_dcmtk_storescp_over_tls_with_a_client_certificate_and_is_refused_without_one()
    {
        using var temp = new TempFolder();
        using var ca = TlsTestAuthority.Create(temp.Path, "hospital");
        using var server = ca.Issue("storescp");
        using var modality = ca.Issue("modality");
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "received")).FullName;
        var port = GatewayFixture.FreePort();
        using var storescp = StartTlsStorescp(port, output, server, ca.CertificatePath);
        try
        {
            await WaitUntilListeningAsync(port, storescp);
            var trusted = Client(port, "STORESCP", DicomClientTls.Create("localhost", Trust(ca.Certificate), modality.Certificate));
            var anonymous = Client(port, "STORESCP", DicomClientTls.Create("localhost", Trust(ca.Certificate)));

            Assert.Equal(0, await trusted.EchoAsync());
            var stored = await trusted.StoreAsync(Files);
            var refused = await Record.ExceptionAsync(() => anonymous.EchoAsync());

            Assert.All(stored, r => Assert.True(r.IsSuccess, $"{r.FilePath}: {r.Status} {r.Error}"));
            Assert.Equal(Files.Length, Directory.GetFiles(output).Length);
            // storescp closes the handshake (or the connection right after it) of a client without a certificate.
            Assert.NotNull(refused);
        }
        finally
        {
            if (!storescp.HasExited) storescp.Kill(entireProcessTree: true);
            await storescp.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Our_scu_refuses_a_peer_whose_certificate_is_not_from_a_trusted_ca()
    {
        using var temp = new TempFolder();
        using var ca = TlsTestAuthority.Create(temp.Path, "hospital");
        using var rogue = TlsTestAuthority.Create(temp.Path, "rogue");
        using var server = rogue.Issue("impostor");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = server.CertificatePath;
            o.Tls.KeyPath = server.KeyPath;
        });
        var client = Client(gateway.TlsPort, GatewayFixture.AeTitle, DicomClientTls.Create("localhost", Trust(ca.Certificate)));

        await Assert.ThrowsAsync<AuthenticationException>(() => client.EchoAsync());
    }

    [Fact]
    public async Task A_host_outside_the_allowed_networks_is_rejected_on_the_plain_port_and_closed_before_the_tls_handshake()
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "gateway");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.AllowedHosts = ["10.0.0.0/8", "fd00::/8"];
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = certificate.CertificatePath;
            o.Tls.KeyPath = certificate.KeyPath;
        });

        var plain = await RunAsync("echoscu", [.. Network(), "127.0.0.1", gateway.Port.ToString()]);
        var secure = await RunAsync("echoscu", [.. Network(), "--anonymous-tls", "+cf", certificate.CertificatePath, "127.0.0.1", gateway.TlsPort.ToString()]);

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", plain.StandardError + plain.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("is not allowed from this host", gateway.LogText);
        Assert.NotEqual(0, secure.ExitCode);
        Assert.Contains("is not in Gateway:AllowedHosts", gateway.LogText);
    }

    [Fact]
    public async Task A_host_inside_an_allowed_cidr_block_associates_on_both_listeners()
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "gateway");
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.AllowedHosts = ["10.0.0.0/8", "127.0.0.0/8"];
            o.Tls.Port = GatewayFixture.FreePort();
            o.Tls.CertificatePath = certificate.CertificatePath;
            o.Tls.KeyPath = certificate.KeyPath;
        });

        var plain = await RunAsync("echoscu", [.. Network(), "127.0.0.1", gateway.Port.ToString()]);
        var secure = await RunAsync("echoscu", [.. Network(), "--anonymous-tls", "+cf", certificate.CertificatePath, "127.0.0.1", gateway.TlsPort.ToString()]);

        Assert.True(plain.ExitCode == 0, $"echoscu: {plain.StandardError}{plain.StandardOutput}\n{gateway.LogText}");
        Assert.True(secure.ExitCode == 0, $"echoscu +tls: {secure.StandardError}{secure.StandardOutput}\n{gateway.LogText}");
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.4.0/22", "192.168.7.255", true)]
    [InlineData("192.168.4.0/22", "192.168.8.0", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    public void Allowed_hosts_match_addresses_and_cidr_blocks_with_ipv4_mapped_peers_as_ipv4(string entry, string peer, bool allowed)
    {
        var access = new GatewayHostAccess([entry]);

        Assert.Equal(allowed, access.Allows(new IPEndPoint(IPAddress.Parse(peer), 104)));
        Assert.True(new GatewayHostAccess([]).Allows(new IPEndPoint(IPAddress.Parse(peer), 104)));
    }

    [Theory]
    [InlineData("10.1.2.3/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("hospital.local")]
    [InlineData("")]
    public void An_allowed_host_entry_that_is_not_an_address_or_a_clean_cidr_block_is_a_setting_problem(string entry)
    {
        var problems = new GatewayOptions { AeTitles = ["GATEWAY"], AllowedHosts = [entry] }.Validate();

        Assert.Contains(problems, p => p.StartsWith("Gateway:AllowedHosts", StringComparison.Ordinal));
    }

    [Fact]
    public void No_gateway_secret_has_to_be_inline_the_tls_key_password_can_come_from_a_file()
    {
        using var temp = new TempFolder();
        var options = new GatewayOptions { AeTitles = ["GATEWAY"], Tls = { Port = 2762, CertificatePath = Path.Combine(temp.Path, "absent.pem"), PasswordFile = Path.Combine(temp.Path, "absent.txt") } };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("Gateway:Tls:PasswordFile", StringComparison.Ordinal));
    }

    private static async Task WaitUntilListeningAsync(int port, Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Assert.False(process.HasExited, "storescp exited before listening");
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    private static Process StartTlsStorescp(int port, string output, IssuedCertificate server, string caFile)
    {
        var start = new ProcessStartInfo(ExternalTool.Resolve("storescp")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-aet", "STORESCP", "-od", output, "+tls", server.KeyPath, server.CertificatePath, "+cf", caFile, "--require-peer-cert", port.ToString() })
            start.ArgumentList.Add(argument);
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("storescp did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
