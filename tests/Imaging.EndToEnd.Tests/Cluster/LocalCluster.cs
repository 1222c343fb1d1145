using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Imaging.Dicom.Tests.Support;
using Imaging.EndToEnd.Tests.Support;

namespace Imaging.EndToEnd.Tests.Cluster;

/// <summary>The whole distributed deployment of deploy/local/cluster.sh, started once for the cluster tests on a free port
/// range with node names of its own: a three-node RabbitMQ cluster, PostgreSQL, two gateways, two workers and the API, all
/// running the imaging program these tests were built with. Stopped (cluster.sh stop) and deleted at the end.</summary>
public sealed class LocalCluster : IAsyncLifetime, IDeployment
{
    /// <summary>Three RabbitMQ nodes booting side by side, then five .NET processes, on a busy two-core machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _endpoints = new(StringComparer.Ordinal);
    private int _portBase;

    public static string Script => Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "cluster.sh");

    /// <summary>The quiet timeout the gateways run with.</summary>
    public static TimeSpan Quiet => TimeSpan.FromSeconds(3);

    public string StateDirectory => Path.Combine(_folder.Path, "cluster");

    /// <summary>The DICOM ports of the two gateways.</summary>
    public IReadOnlyList<int> GatewayPorts { get; private set; } = [];

    /// <summary>rabbit1..3 as cluster.sh names them here.</summary>
    public IReadOnlyList<string> BrokerNodes { get; private set; } = [];

    public int DicomPort => GatewayPorts[0];

    public ImagingApiClient Api { get; private set; } = null!;

    public string DataDirectory => _endpoints.TryGetValue("DATA_DIRECTORY", out var d) ? d : Path.Combine(StateDirectory, "data");

    public async Task InitializeAsync()
    {
        _portBase = FreePortRange();
        var result = await RunScriptAsync("start", StartTimeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"cluster.sh start failed ({result.ExitCode}):\n{result.StandardError}{result.StandardOutput}\n{Describe()}");
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (line.Split('=', 2) is [var key, var value]) _endpoints[key] = value.Trim('\'');
        GatewayPorts = [Port("GATEWAY_1_DICOM"), Port("GATEWAY_2_DICOM")];
        BrokerNodes = _endpoints["RABBITMQ_NODES"].Split(' ');
        Api = new ImagingApiClient(new Uri(_endpoints["API_HTTP"]).Port);
    }

    /// <summary>Outbox rows gateway <paramref name="gateway"/> (1 or 2) has not published yet, as its /health reports
    /// them; null when it cannot say.</summary>
    public async Task<long?> OutboxPendingAsync(int gateway)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var body = await http.GetStringAsync(new Uri(new Uri(_endpoints[$"GATEWAY_{gateway}_HTTP"]), "health"));
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("outboxPending", out var pending) && pending.ValueKind == System.Text.Json.JsonValueKind.Number
                ? pending.GetInt64() : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>rabbitmqctl against one node of the cluster.</summary>
    public Task<ToolResult> CtlAsync(string node, params string[] arguments) =>
        ExternalTool.RunAsync(File.Exists("/usr/sbin/rabbitmqctl") ? "/usr/sbin/rabbitmqctl" : "rabbitmqctl", ["-q", "-n", node, .. arguments], CtlTimeout);

    /// <summary>The nodes rabbitmqctl on <paramref name="node"/> lists as running (its cluster_status).</summary>
    public async Task<IReadOnlyList<string>> RunningNodesAsync(string node)
    {
        var result = await CtlAsync(node, "cluster_status", "--formatter", "json");
        if (result.ExitCode != 0) return [];
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
            return json.RootElement.TryGetProperty("running_nodes", out var running)
                ? [.. running.EnumerateArray().Select(n => n.GetString() ?? "")]
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>cluster.sh status, then the last lines of every process's log: for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var logs = Path.Combine(StateDirectory, "logs");
        if (!Directory.Exists(logs)) return "(no cluster logs)";
        foreach (var log in Directory.EnumerateFiles(logs, "*.log").Order(StringComparer.Ordinal))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(log);
            }
            catch (IOException)
            {
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"----- {Path.GetFileNameWithoutExtension(log)} ({lines.Length} lines, last 60) -----\n");
            foreach (var line in lines.Skip(Math.Max(0, lines.Length - 60)))
                text.AppendLine(line.Length > 400 ? line[..400] + " [...]" : line);
        }
        return text.ToString();
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        try
        {
            await RunScriptAsync("stop", TimeSpan.FromMinutes(3));
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private int Port(string key) => int.Parse(_endpoints[key].Split(':')[^1], CultureInfo.InvariantCulture);

    private Task<ToolResult> RunScriptAsync(string command, TimeSpan timeout) =>
        ExternalTool.RunAsync("bash", [Script, command], timeout, new Dictionary<string, string>
        {
            ["IMAGING_CLUSTER_DIR"] = StateDirectory,
            ["IMAGING_CLUSTER_PORT_BASE"] = _portBase.ToString(CultureInfo.InvariantCulture),
            // Its own node names: another cluster (a developer's, or a parallel run) may use rabbit1..3 on this machine.
            ["IMAGING_CLUSTER_NODE_PREFIX"] = $"e2e-{_portBase}-rabbit",
            ["IMAGING_CLUSTER_MANAGEMENT"] = "0",
            ["IMAGING_CLUSTER_TIMEOUT"] = "240",
            ["IMAGING_DLL"] = ImagingProgram.AssemblyPath,
            ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = Quiet.ToString("c", CultureInfo.InvariantCulture),
        });

    /// <summary>A base port B with B+1..B+90 all free on loopback now (cluster.sh's layout), from a random start so that
    /// runs beside each other rarely try the same range.</summary>
    private static int FreePortRange()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = 30000 + 100 * Random.Shared.Next(0, 300);
            if (Enumerable.Range(candidate + 1, 90).All(IsFree)) return candidate;
        }
        throw new InvalidOperationException("No free range of 90 loopback ports between 30000 and 60000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
