using System.Diagnostics;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>`imaging serve` as the DICOM gateway, and `imaging echo` / `imaging send` as SCUs, each run as a real
/// process against DCMTK (storescp, echoscu, storescu) and against each other; exit codes checked.</summary>
public sealed class GatewayCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> NoDelay = new() { ["TCP_NODELAY"] = "1" };

    private static readonly string[] Files =
    [
        TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"),
        TestPaths.Corpus("ct_mr/MR_brain_TS2_ILE.dcm"),
    ];

    /// <summary>`imaging serve` on free ports, returned once its DICOM port accepts connections.</summary>
    private static async Task<(CliProcess Process, int DicomPort)> StartServeAsync(string data, IDictionary<string, string>? environment = null)
    {
        var dicomPort = FreePort.Next();
        var process = CliProcess.Start(["serve", "--data", data, "--dicom-port", dicomPort.ToString(), "--http-port", FreePort.Next().ToString(),
            "--ae-title", "GATEWAY"], environment);
        await TcpWait.UntilListeningAsync(dicomPort, Timeout, () => $"stdout:\n{process.StandardOutput}\nstderr:\n{process.StandardError}");
        return (process, dicomPort);
    }

    private static IEnumerable<string> Stored(string data) =>
        Directory.Exists(data) ? Directory.EnumerateFiles(data, "*.dcm", SearchOption.AllDirectories).Where(f => !f.Contains(".incoming", StringComparison.Ordinal)) : [];

    [Fact]
    public async Task Serve_stores_what_dcmtk_storescu_sends_answers_echoscu_and_stops_on_SIGTERM_with_nothing_left_incoming()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        var (serve, port) = await StartServeAsync(data);
        await using (serve)
        {
            var echo = await ExternalTool.RunAsync("echoscu", ["-aec", "GATEWAY", "-to", "10", "127.0.0.1", port.ToString()], Timeout, NoDelay);
            var store = await ExternalTool.RunAsync("storescu", ["-aec", "GATEWAY", "-to", "10", "127.0.0.1", port.ToString(), .. Files], Timeout, NoDelay);

            Assert.True(echo.ExitCode == 0, $"echoscu: {echo.StandardError}\n{serve.StandardOutput}");
            Assert.True(store.ExitCode == 0, $"storescu: {store.StandardError}\n{serve.StandardOutput}");
            Assert.Equal(Files.Length, Stored(data).Count());
            Assert.Contains($":{port}", serve.StandardOutput);

            serve.Terminate();
            Assert.Equal(0, await serve.WaitForExitAsync(Timeout));
            var incoming = Path.Combine(data, ".incoming");
            Assert.True(!Directory.Exists(incoming) || !Directory.EnumerateFileSystemEntries(incoming).Any());
        }
    }

    [Fact]
    public async Task Serve_rejects_a_calling_ae_outside_its_allow_list_from_the_configuration_and_logs_why()
    {
        using var temp = new TempFolder();
        var (serve, port) = await StartServeAsync(temp.Path, new Dictionary<string, string> { ["IMAGING_GATEWAY__CALLINGAES__0__AETITLE"] = "MODALITY" });
        await using (serve)
        {
            var stranger = await CliProcess.RunAsync(["echo", "--aet", "STRANGER", "--aec", "GATEWAY", "127.0.0.1", port.ToString()]);
            var known = await CliProcess.RunAsync(["echo", "--aet", "MODALITY", "--aec", "GATEWAY", "127.0.0.1", port.ToString()]);

            Assert.Equal(1, stranger.ExitCode);
            Assert.Contains("calling AE title not recognized", stranger.StandardError, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, known.ExitCode);
            await WaitForOutputAsync(serve, "calling AE title 'STRANGER' is not allowed");
        }
    }

    [Fact]
    public async Task Echo_and_send_succeed_against_dcmtk_storescp_and_exit_0()
    {
        using var temp = new TempFolder();
        var received = Path.Combine(temp.Path, "received");
        Directory.CreateDirectory(received);
        var port = FreePort.Next();
        using var storescp = StartStorescp(port, received);
        try
        {
            await TcpWait.UntilListeningAsync(port, Timeout, () => "storescp did not start");
            var folder = Path.Combine(temp.Path, "in", "nested");
            Directory.CreateDirectory(folder);
            foreach (var file in Files) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));

            var echo = await CliProcess.RunAsync(["echo", "-aec", "STORESCP", "127.0.0.1", port.ToString()]);
            var send = await CliProcess.RunAsync(["send", "-aec", "STORESCP", "127.0.0.1", port.ToString(), Path.Combine(temp.Path, "in")]);

            Assert.True(echo.ExitCode == 0, echo.StandardError);
            Assert.True(send.ExitCode == 0, send.StandardError);
            Assert.Equal($"{Files.Length} sent, 0 failed", send.StandardOutput.Trim());
            Assert.Equal(Files.Length, Directory.EnumerateFiles(received).Count());
        }
        finally
        {
            storescp.Kill(entireProcessTree: true);
            await storescp.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Send_to_our_gateway_stores_the_files_and_a_non_dicom_file_makes_it_exit_2_after_sending_the_rest()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        var notDicom = Path.Combine(temp.Path, "notes.txt");
        await File.WriteAllTextAsync(notDicom, "not a DICOM file");
        var (serve, port) = await StartServeAsync(data);
        await using (serve)
        {
            var send = await CliProcess.RunAsync(["send", "--aec", "GATEWAY", "127.0.0.1", port.ToString(), .. Files, notDicom]);

            Assert.Equal(2, send.ExitCode);
            Assert.Equal($"{Files.Length} sent, 1 failed", send.StandardOutput.Trim());
            Assert.Contains("notes.txt", send.StandardError);
            Assert.Equal(Files.Length, Stored(data).Count());
        }
    }

    [Fact]
    public async Task Echo_and_send_exit_1_when_the_association_is_rejected_or_nobody_listens()
    {
        using var temp = new TempFolder();
        var (serve, port) = await StartServeAsync(temp.Path);
        await using (serve)
        {
            var wrongCalled = await CliProcess.RunAsync(["echo", "--aec", "SOMEONE", "127.0.0.1", port.ToString()]);
            var sendRejected = await CliProcess.RunAsync(["send", "--aec", "SOMEONE", "127.0.0.1", port.ToString(), Files[0]]);
            var nobody = await CliProcess.RunAsync(["echo", "127.0.0.1", FreePort.Next().ToString()]);

            Assert.Equal(1, wrongCalled.ExitCode);
            Assert.Contains("called AE title not recognized", wrongCalled.StandardError, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, sendRejected.ExitCode);
            Assert.Equal("0 sent, 1 failed", sendRejected.StandardOutput.Trim());
            Assert.Equal(1, nobody.ExitCode);
        }
    }

    [Theory]
    [InlineData("echo", "127.0.0.1", "70000")]
    [InlineData("echo", "127.0.0.1", "abc")]
    [InlineData("echo", "--aet", "A_TITLE_THAT_IS_TOO_LONG", "127.0.0.1", "104")]
    [InlineData("send", "127.0.0.1", "104", "/nonexistent/file.dcm")]
    [InlineData("send", "127.0.0.1", "104")]
    public async Task Bad_arguments_or_missing_input_exit_2_with_one_line(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Theory]
    [InlineData("IMAGING_GATEWAY__BINDADDRESS", "nowhere", "Gateway:BindAddress 'nowhere' is not an IP address")]
    [InlineData("IMAGING_GATEWAY__IDLETIMEOUT", "soon", "IdleTimeout")]
    [InlineData("IMAGING_GATEWAY__TLS__PORT", "2762", "Gateway:Tls:CertificatePath is required")]
    [InlineData("IMAGING_GATEWAY__CALLINGAES__0__PERMISSIONS__0", "delete", "permission 'delete' is not one of store, find, move, get")]
    [InlineData("IMAGING_GATEWAY__MOVEDESTINATIONS__WS1", "workstation", "Gateway:MoveDestinations 'WS1' port 0 is outside 1-65535")]
    [InlineData("IMAGING_GATEWAY__MOVEDESTINATIONS__0__AETITLE", "WS1", "Gateway:MoveDestinations 'WS1' host '' is not a host name or address")]
    public async Task A_bad_gateway_setting_from_the_environment_exits_2_naming_it(string variable, string value, string expected)
    {
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string> { [variable] = value, ["IMAGING_GATEWAY__CALLINGAES__0__AETITLE"] = "CT1" };

        var result = await CliProcess.RunAsync(["serve", "--data", temp.Path, "--dicom-port", FreePort.Next().ToString(), "--http-port",
            FreePort.Next().ToString()], environment, Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Serve_reports_the_gateway_in_health()
    {
        using var temp = new TempFolder();
        var dicomPort = FreePort.Next();
        var httpPort = FreePort.Next();
        await using var serve = CliProcess.Start(["serve", "--data", temp.Path, "--dicom-port", dicomPort.ToString(), "--http-port", httpPort.ToString()]);
        await TcpWait.UntilListeningAsync(httpPort, Timeout, () => serve.StandardOutput + serve.StandardError);

        using var http = new HttpClient { Timeout = Timeout };
        var body = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{httpPort}/health")).RootElement;

        var gateway = body.GetProperty("gateway");
        Assert.True(gateway.GetProperty("listening").GetBoolean());
        Assert.Equal(dicomPort, gateway.GetProperty("dicomPort").GetInt32());
        Assert.Equal(0, gateway.GetProperty("activeAssociations").GetInt32());
    }

    [Fact]
    public async Task Serve_answers_dcmtk_echoscu_over_tls_configured_through_the_environment()
    {
        using var temp = new TempFolder();
        using var certificate = Imaging.Gateway.Tests.TestCertificate.Create(temp.Path, "gateway");
        var tlsPort = FreePort.Next();
        var (serve, _) = await StartServeAsync(Path.Combine(temp.Path, "data"), new Dictionary<string, string>
        {
            ["IMAGING_GATEWAY__TLS__PORT"] = tlsPort.ToString(),
            ["IMAGING_GATEWAY__TLS__CERTIFICATEPATH"] = certificate.CertificatePath,
            ["IMAGING_GATEWAY__TLS__KEYPATH"] = certificate.KeyPath,
        });
        await using (serve)
        {
            await TcpWait.UntilListeningAsync(tlsPort, Timeout, () => serve.StandardOutput);

            var echo = await ExternalTool.RunAsync("echoscu",
                ["-aec", "GATEWAY", "-to", "10", "--anonymous-tls", "+cf", certificate.CertificatePath, "--require-peer-cert", "127.0.0.1", tlsPort.ToString()],
                Timeout, NoDelay);

            Assert.True(echo.ExitCode == 0, $"echoscu: {echo.StandardError}\n{serve.StandardOutput}");
            // The started line is logged once every hosted service has started, which may be after the TLS port listens.
            await WaitForOutputAsync(serve, $"DICOM TLS on 0.0.0.0:{tlsPort}");
        }
    }

    [Fact]
    public async Task A_tls_certificate_file_that_is_not_a_certificate_exits_2_with_one_line()
    {
        using var temp = new TempFolder();
        var bogus = Path.Combine(temp.Path, "cert.pem");
        await File.WriteAllTextAsync(bogus, "not a certificate");

        var result = await CliProcess.RunAsync(["serve", "--data", temp.Path, "--dicom-port", FreePort.Next().ToString(), "--http-port",
            FreePort.Next().ToString()], new Dictionary<string, string>
        {
            ["IMAGING_GATEWAY__TLS__PORT"] = FreePort.Next().ToString(),
            ["IMAGING_GATEWAY__TLS__CERTIFICATEPATH"] = bogus,
        }, Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot load the TLS certificate", result.StandardError);
        Assert.Single(result.ErrorLines);
    }

    private static Process StartStorescp(int port, string outputDirectory)
    {
        var psi = new ProcessStartInfo(ExternalTool.Resolve("storescp"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-aet", "STORESCP", "--output-directory", outputDirectory, port.ToString() }) psi.ArgumentList.Add(a);
        psi.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("storescp did not start");
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task WaitForOutputAsync(CliProcess process, string text)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!process.StandardOutput.Contains(text, StringComparison.Ordinal))
        {
            if (cts.IsCancellationRequested) Assert.Fail($"'{text}' not logged within 10 s:\n{process.StandardOutput}");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
