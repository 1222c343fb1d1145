using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Imaging.Dicom.Tests.Support;

/// <summary>Orthanc, a real PACS none of us wrote, as a child process on free loopback ports with its configuration and
/// database in a temporary folder (recipe: PEERS.md); ready once its REST API answers, stopped by its PID on dispose.</summary>
/// <remarks>Not installed: <see cref="StartAsync"/> fails naming tests/run.sh, which installs it.</remarks>
public sealed class OrthancPeer : IAsyncDisposable
{
    public const string AETitle = "ORTHANC";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OrthancPeer(TempFolder folder, Process process, int dicomPort, int httpPort)
    {
        _folder = folder;
        _process = process;
        DicomPort = dicomPort;
        HttpPort = httpPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(20) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int DicomPort { get; }

    public int HttpPort { get; }

    /// <summary>The REST API (no authentication: loopback only).</summary>
    public HttpClient Http { get; }

    /// <summary>What Orthanc wrote so far, for failure messages.</summary>
    public string Log
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts Orthanc and waits until GET /system answers.</summary>
    /// <param name="modalities">DICOM peers Orthanc knows from the start, by name: the AE title and loopback port it
    /// reaches them on (C-MOVE destinations, and callers allowed to query and retrieve).</param>
    public static async Task<OrthancPeer> StartAsync(IReadOnlyDictionary<string, (string AETitle, int Port)>? modalities = null,
        CancellationToken cancellationToken = default)
    {
        var program = ExternalTool.Resolve("Orthanc");
        var folder = new TempFolder();
        var dicomPort = FreePort();
        var httpPort = FreePort();
        var configuration = folder.File("orthanc.json");
        await File.WriteAllTextAsync(configuration, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "PEER",
            ["StorageDirectory"] = folder.Path,
            ["IndexDirectory"] = folder.Path,
            ["DicomAet"] = AETitle,
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowStore"] = true,
            // Orthanc otherwise keeps its own associations (C-MOVE sub-operations) open 5 s after use.
            ["DicomAssociationCloseDelay"] = 0,
            ["DicomScuTimeout"] = 10,
            ["SaveJobs"] = false,
            ["DicomModalities"] = (modalities ?? new Dictionary<string, (string, int)>())
                .ToDictionary(m => m.Key, m => new object[] { m.Value.AETitle, "127.0.0.1", m.Value.Port }),
            ["Plugins"] = Array.Empty<string>(),
        }), cancellationToken);

        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(configuration);
        // Without it every DIMSE message waits ~40 ms (Nagle plus delayed ACK).
        start.Environment["TCP_NODELAY"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        var peer = new OrthancPeer(folder, process, dicomPort, httpPort);
        try
        {
            await peer.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
        return peer;
    }

    /// <summary>Adds or replaces a known DICOM peer through the REST API (PUT /modalities/NAME).</summary>
    public async Task RegisterModalityAsync(string name, string aeTitle, int port, CancellationToken cancellationToken = default)
    {
        // Orthanc's keys are case-sensitive: serialized as written, not in the web defaults' camel case.
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["AET"] = aeTitle, ["Host"] = "127.0.0.1", ["Port"] = port });
        using var response = await Http.PutAsync($"modalities/{name}", new StringContent(body), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Orthanc refused modality {name}: {response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Orthanc's identifiers of the instances it holds (GET /instances).</summary>
    public async Task<string[]> InstancesAsync(CancellationToken cancellationToken = default) =>
        await Http.GetFromJsonAsync<string[]>("instances", cancellationToken) ?? [];

    /// <summary>The transfer syntax UID Orthanc keeps an instance in, found by its SOP Instance UID.</summary>
    public async Task<string> TransferSyntaxOfAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        using var lookup = await Http.PostAsync("tools/lookup", new StringContent(sopInstanceUid), cancellationToken);
        lookup.EnsureSuccessStatusCode();
        using var found = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync(cancellationToken));
        var id = found.RootElement.EnumerateArray().Single(e => e.GetProperty("Type").GetString() == "Instance").GetProperty("ID").GetString();
        return await Http.GetStringAsync($"instances/{id}/metadata/TransferSyntax", cancellationToken);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("system", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (_process.HasExited) throw new InvalidOperationException($"Orthanc exited with code {_process.ExitCode} before it was ready:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Orthanc's REST API did not answer within {StartTimeout.TotalSeconds} s:\n{Log}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _folder.Dispose();
    }
}
