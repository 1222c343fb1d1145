using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Gateway.Tests;

namespace Imaging.Cli.Tests;

/// <summary>`imaging serve` with HTTPS from PEM files (Http:Tls), the redirect-only plain port, HSTS and Kestrel's
/// slow-request limit, each checked against the real process with HttpClient and curl.</summary>
public sealed class ServeHttpsTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private sealed record Serve(CliProcess Process, int HttpsPort, int RedirectPort);

    private static async Task<Serve> StartAsync(string folder, TestCertificate certificate, Dictionary<string, string>? extra = null)
    {
        var httpsPort = FreePort.Next();
        var redirectPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["IMAGING_HTTP__TLS__CERTIFICATEPATH"] = certificate.CertificatePath,
            ["IMAGING_HTTP__TLS__KEYPATH"] = certificate.KeyPath,
            ["IMAGING_HTTP__TLS__REDIRECTPORT"] = redirectPort.ToString(),
        };
        foreach (var (key, value) in extra ?? []) environment[key] = value;
        var process = CliProcess.Start(["serve", "--data", Path.Combine(folder, "data"), "--dicom-port", FreePort.Next().ToString(),
            "--http-port", httpsPort.ToString()], environment);
        // Generous: the whole host (gateway, worker, bus) starts first, and the test machine is shared.
        await process.WaitForOutputLineAsync(l => l.Contains("started: role", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        return new Serve(process, httpsPort, redirectPort);
    }

    /// <summary>A client that trusts exactly the test certificate (as an operator's CA file would), on the TLS versions given.</summary>
    private static HttpClient TrustingClient(TestCertificate certificate, SslProtocols protocols = SslProtocols.None) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = protocols,
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { certificate.Certificate },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    })
    { Timeout = Timeout };

    [Fact]
    public async Task Serve_answers_https_with_hsts_on_tls_1_2_and_1_3_and_its_plain_port_only_redirects()
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "api");
        var serve = await StartAsync(temp.Path, certificate);
        await using (serve.Process)
        {
            Assert.Contains($"health on https://127.0.0.1:{serve.HttpsPort}/health", serve.Process.StandardOutput);
            foreach (var protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
            {
                using var client = TrustingClient(certificate, protocol);
                using var response = await client.GetAsync($"https://localhost:{serve.HttpsPort}/health");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
            }

            using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout };
            using var redirect = await plain.GetAsync($"http://localhost:{serve.RedirectPort}/api/studies?limit=5");
            Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
            Assert.Equal($"https://localhost:{serve.HttpsPort}/api/studies?limit=5", redirect.Headers.Location?.ToString());
            Assert.False(redirect.Headers.Contains("Strict-Transport-Security"));

            // Plain HTTP on the HTTPS port gets no answer at all: the connection is closed at the failed handshake.
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync($"http://localhost:{serve.HttpsPort}/health"));

            // A client that does not trust the certificate refuses the server.
            using var untrusting = new HttpClient { Timeout = Timeout };
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync($"https://localhost:{serve.HttpsPort}/health"));
            Assert.IsType<AuthenticationException>(refused.InnerException);
        }
    }

    [Fact]
    public async Task Curl_gets_health_over_https_with_the_ca_file_and_is_refused_below_tls_1_2()
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "api");
        var serve = await StartAsync(temp.Path, certificate);
        await using (serve.Process)
        {
            var url = $"https://localhost:{serve.HttpsPort}/health";
            var ok = await ExternalTool.RunAsync("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", certificate.CertificatePath, url], Timeout);
            var tls13 = await ExternalTool.RunAsync("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--tlsv1.3", "--cacert", certificate.CertificatePath, url], Timeout);
            var old = await ExternalTool.RunAsync("curl", ["-sS", "-o", "/dev/null", "--tlsv1", "--tls-max", "1.1", "--cacert", certificate.CertificatePath, url], Timeout);
            var untrusted = await ExternalTool.RunAsync("curl", ["-sS", "-o", "/dev/null", url], Timeout);

            Assert.True(ok.StandardOutput == "200", $"curl: {ok.StandardOutput} {ok.StandardError}");
            Assert.True(tls13.StandardOutput == "200", $"curl --tlsv1.3: {tls13.StandardOutput} {tls13.StandardError}");
            Assert.NotEqual(0, old.ExitCode);
            // 60: the peer certificate cannot be authenticated with known CA certificates.
            Assert.Equal(60, untrusted.ExitCode);
        }
    }

    [Fact]
    public async Task A_client_that_trickles_its_request_headers_is_cut_off_by_the_request_headers_timeout()
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "api");
        var serve = await StartAsync(temp.Path, certificate, new() { ["IMAGING_HTTP__LIMITS__REQUESTHEADERSTIMEOUT"] = "00:00:02" });
        await using (serve.Process)
        {
            // Over the redirect port (plain HTTP): the same Kestrel limits hold on every endpoint.
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, serve.RedirectPort);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: localhost\r\n"));
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var deadline = new CancellationTokenSource(Timeout);
            var closed = ReadUntilClosedAsync(stream, deadline.Token);
            // Trickle one header byte a second (a slow-loris): the timeout is a deadline for the whole header, not a silence limit.
            while (!closed.IsCompleted && !deadline.IsCancellationRequested)
            {
                try
                {
                    await stream.WriteAsync("X"u8.ToArray(), deadline.Token);
                }
                catch (IOException)
                {
                    break;
                }
                await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(1), deadline.Token));
            }
            var received = await closed;

            Assert.False(deadline.IsCancellationRequested, $"the connection was still open after {started.Elapsed}");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"closed only after {started.Elapsed}");
            if (received.Length > 0) Assert.StartsWith("HTTP/1.1 408", received);
        }
    }

    /// <summary>What the server sent until it closed the connection (or reset it); the deadline cancels the wait.</summary>
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0) received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // A reset is as good as a close; a cancellation is reported by the caller's deadline check.
        }
        return received.ToString();
    }

    [Theory]
    [InlineData("missing-cert", "Http:Tls:CertificatePath")]
    [InlineData("missing-key", "Http:Tls:KeyPath")]
    [InlineData("no-key", "cannot load the HTTPS certificate")]
    [InlineData("bad-limit", "Http:Limits:RequestHeadersTimeout")]
    public async Task Unusable_https_settings_exit_2_with_one_line_naming_the_key(string problem, string expected)
    {
        using var temp = new TempFolder();
        using var certificate = TestCertificate.Create(temp.Path, "api");
        var environment = problem switch
        {
            "missing-cert" => new Dictionary<string, string> { ["IMAGING_HTTP__TLS__CERTIFICATEPATH"] = Path.Combine(temp.Path, "absent.pem") },
            "missing-key" => new Dictionary<string, string>
            {
                ["IMAGING_HTTP__TLS__CERTIFICATEPATH"] = certificate.CertificatePath,
                ["IMAGING_HTTP__TLS__KEYPATH"] = Path.Combine(temp.Path, "absent.key"),
            },
            "no-key" => new Dictionary<string, string> { ["IMAGING_HTTP__TLS__CERTIFICATEPATH"] = certificate.CertificatePath },
            _ => new Dictionary<string, string> { ["IMAGING_HTTP__LIMITS__REQUESTHEADERSTIMEOUT"] = "-00:00:01" },
        };

        var result = await CliProcess.RunAsync(["serve", "--data", Path.Combine(temp.Path, "data"), "--dicom-port", FreePort.Next().ToString(),
            "--http-port", FreePort.Next().ToString()], environment, Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Single(result.ErrorLines);
    }
}
