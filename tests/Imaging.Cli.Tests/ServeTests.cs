using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Imaging.Cli.Serve;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace Imaging.Cli.Tests;

/// <summary>`imaging serve`: settings, validation, /health, and clean stops.</summary>
public sealed class ServeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static ServeOptions OptionsFor(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        HttpPort = FreePort.Next(),
        DicomPort = FreePort.Next(),
    };

    /// <summary>Starts the host and returns once it listens; the returned task completes when it has stopped.</summary>
    private static async Task<Task> StartAsync(ServeOptions options, CancellationToken stop)
    {
        var app = ServeHost.Create(options, ServeConfiguration.Build(new Dictionary<string, string?>()));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        var run = ((IHost)app).RunAsync(stop);
        await Task.WhenAny(started.Task, run).WaitAsync(Timeout);
        if (run.IsCompleted) await run; // surfaces why it could not start
        return run;
    }

    /// <summary>serve's own start line (logged once HTTP listens), not another component's: MassTransit's "Bus started: …"
    /// comes earlier, before the HTTP port is open.</summary>
    private static bool IsServeStartedLine(string line) =>
        line.Contains("Imaging.Cli.Serve[1] imaging ", StringComparison.Ordinal) && line.Contains(" started: role ", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetHealthAsync(int port)
    {
        using var http = new HttpClient { Timeout = Timeout };
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Health_reports_status_version_and_data_folder_free_space_then_the_host_stops_on_cancellation()
    {
        using var temp = new TempFolder();
        var options = OptionsFor(temp.Path);
        using var stop = new CancellationTokenSource();
        var run = await StartAsync(options, stop.Token);

        var (status, body) = await GetHealthAsync(options.HttpPort);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(CliVersion.Value, body.GetProperty("version").GetString());
        Assert.Equal(temp.Path, body.GetProperty("dataDirectory").GetString());
        Assert.True(body.GetProperty("dataFreeBytes").GetInt64() > 0);

        stop.Cancel();
        await run.WaitAsync(Timeout);
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, options.HttpPort));
    }

    [Fact]
    public async Task Health_is_unhealthy_with_503_when_the_data_folder_disappears()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "data");
        Directory.CreateDirectory(data);
        var options = OptionsFor(data);
        using var stop = new CancellationTokenSource();
        var run = await StartAsync(options, stop.Token);

        // Recursive: the gateway keeps its temporary folder for incoming instances inside.
        Directory.Delete(data, recursive: true);
        var (status, body) = await GetHealthAsync(options.HttpPort);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        stop.Cancel();
        await run.WaitAsync(Timeout);
    }

    [Theory]
    [InlineData("--ae-title", "SEVENTEEN_CHARS_X")]
    [InlineData("--ae-title", "BAD\\AE")]
    [InlineData("--ae-title", "    ")]
    [InlineData("--dicom-port", "0")]
    [InlineData("--http-port", "70000")]
    [InlineData("--http-bind", "not-an-address")]
    [InlineData("--role", "everything")]
    [InlineData("--role", "worker")]
    [InlineData("--rabbitmq", "http://localhost:5672")]
    public async Task Invalid_option_values_exit_2_with_one_line(string option, string value)
    {
        using var temp = new TempFolder();

        string[] port = option == "--http-port" ? [] : ["--http-port", FreePort.Next().ToString()];

        var result = await CliRunner.RunAsync(["serve", "--data", temp.Path, .. port, option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("imaging: serve: invalid setting: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_port_already_in_use_exits_1_with_one_line()
    {
        using var temp = new TempFolder();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await CliRunner.RunAsync("serve", "--data", temp.Path, "--http-port", port.ToString(), "--dicom-port", FreePort.Next().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"imaging: serve: cannot listen on 127.0.0.1:{port}: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Default_options_are_valid()
    {
        Assert.Empty(new ServeOptions().Validate());
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("worker")]
    [InlineData("api")]
    public void A_single_role_needs_both_the_broker_and_postgresql(string role)
    {
        var problems = string.Join("\n", new ServeOptions { Role = role }.Validate());

        Assert.Contains($"Role '{role}' needs --rabbitmq", problems);
        Assert.Contains($"Role '{role}' needs --postgres", problems);
        Assert.Empty(new ServeOptions { Role = role, RabbitMq = "amqp://127.0.0.1:5672", Postgres = "Host=127.0.0.1" }.Validate());
    }

    [Fact]
    public async Task An_unreachable_postgresql_fails_the_start_with_exit_1_and_one_line()
    {
        using var temp = new TempFolder();
        // Nothing listens there; the start keeps trying for its patience (30 s), then gives up naming the database.
        var result = await CliRunner.RunAsync("serve", "--data", temp.Path, "--http-port", FreePort.Next().ToString(), "--dicom-port", FreePort.Next().ToString(),
            "--postgres", $"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Timeout=1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("imaging: serve: cannot reach the index database: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Dicom_and_http_ports_must_differ()
    {
        var options = new ServeOptions { DicomPort = 9000, HttpPort = 9000 };

        Assert.Contains(options.Validate(), p => p.Contains("must differ", StringComparison.Ordinal));
    }

    [Fact]
    public void Appsettings_then_environment_then_command_line_each_override_the_one_before()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("appsettings.json"), """{ "AeTitle": "FROMFILE", "DicomPort": 104, "HttpPort": 9001 }""");

        var options = ServeConfiguration.Bind(ServeConfiguration.Build(new Dictionary<string, string?> { ["HttpPort"] = "9002" }, temp.Path));

        Assert.Equal("FROMFILE", options.AeTitle);
        Assert.Equal(104, options.DicomPort);
        Assert.Equal(9002, options.HttpPort);
    }

    [Fact]
    public async Task As_a_process_serve_creates_its_data_folder_answers_health_and_stops_cleanly_on_SIGTERM()
    {
        using var temp = new TempFolder();
        var data = Path.Combine(temp.Path, "nested", "data");
        var httpPort = FreePort.Next();
        await using var process = CliProcess.Start(["serve", "--data", data, "--http-port", httpPort.ToString(), "--dicom-port", FreePort.Next().ToString()]);

        var started = await process.WaitForOutputLineAsync(IsServeStartedLine, Timeout);
        var (status, _) = await GetHealthAsync(httpPort);
        process.Terminate();
        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Contains($"health on http://127.0.0.1:{httpPort}/health", started);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Directory.Exists(data));
        Assert.Equal(0, exitCode);
        Assert.Contains("imaging stopped", process.StandardOutput);
        Assert.Equal("", process.StandardError);
    }

    [Fact]
    public async Task As_a_process_serve_takes_IMAGING_environment_variables_and_the_command_line_overrides_them()
    {
        using var temp = new TempFolder();
        var httpPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["IMAGING_DATADIRECTORY"] = temp.Path,
            ["IMAGING_AETITLE"] = "FROM_ENV",
            ["IMAGING_HTTPPORT"] = FreePort.Next().ToString(),
            ["IMAGING_DICOMPORT"] = FreePort.Next().ToString(),
        };
        await using var process = CliProcess.Start(["serve", "--http-port", httpPort.ToString()], environment);

        var started = await process.WaitForOutputLineAsync(IsServeStartedLine, Timeout);
        var (status, body) = await GetHealthAsync(httpPort);
        process.Terminate();

        Assert.Contains("AE title FROM_ENV", started);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(temp.Path, body.GetProperty("dataDirectory").GetString());
        Assert.Equal(0, await process.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task As_a_process_an_environment_value_that_is_not_a_number_exits_2_with_one_line()
    {
        using var temp = new TempFolder();

        var result = await CliProcess.RunAsync(["serve", "--data", temp.Path], new Dictionary<string, string> { ["IMAGING_DICOMPORT"] = "abc" });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("imaging: serve: invalid setting: ", line);
        Assert.Contains("DicomPort", line);
    }
}
