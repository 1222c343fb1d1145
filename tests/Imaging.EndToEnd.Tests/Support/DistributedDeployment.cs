using System.Globalization;
using System.Text;
using Imaging.Dicom.Tests.Support;
using Npgsql;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>The distributed mode as it is deployed: one `--role gateway` process, one or more `--role worker` processes
/// and one `--role api` process, sharing one data folder (the blob store is a shared folder), one RabbitMQ virtual host and
/// one PostgreSQL database of the collection's <see cref="DistributedInfrastructure"/>.</summary>
public sealed class DistributedDeployment : IDeployment, IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly string _rabbitMq;
    private readonly TimeSpan _quietTimeout;
    private readonly List<ServeProcess> _started = [];
    private readonly List<ServeProcess> _workers = [];
    private ServeProcess _gateway = null!;
    private ServeProcess _api = null!;

    private DistributedDeployment(TempFolder folder, string rabbitMq, string postgres, TimeSpan quietTimeout)
    {
        _folder = folder;
        _rabbitMq = rabbitMq;
        Postgres = postgres;
        _quietTimeout = quietTimeout;
        DataDirectory = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(DataDirectory);
    }

    public int DicomPort => _gateway.Spec.DicomPort;

    public ImagingApiClient Api { get; private set; } = null!;

    public string DataDirectory { get; }

    /// <summary>The deployment's database (the test may look and lock, as an operator could).</summary>
    public string Postgres { get; }

    public IReadOnlyList<ServeProcess> Workers => _workers;

    /// <summary>Starts every process at once and returns when all are healthy and the workers are connected to the broker:
    /// a worker declares its queue and binds it when its bus starts, and RabbitMQ drops what is published before that.
    /// The gateway needs no broker to accept instances (its outbox waits).</summary>
    public static async Task<DistributedDeployment> StartAsync(DistributedInfrastructure infrastructure, int workers, TimeSpan quietTimeout)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var rabbitMq = infrastructure.CreateVirtualHostAsync();
        var postgres = infrastructure.CreateDatabaseAsync();
        await Task.WhenAll(rabbitMq, postgres);
        var deployment = new DistributedDeployment(new TempFolder(), await rabbitMq, await postgres, quietTimeout);
        try
        {
            deployment._gateway = deployment.Launch("gateway", "gateway");
            for (var i = 1; i <= workers; i++) deployment._workers.Add(deployment.Launch($"worker-{i}", "worker"));
            deployment._api = deployment.Launch("api", "api");
            deployment.Api = new ImagingApiClient(deployment._api.Spec.HttpPort);
            await Task.WhenAll(deployment._started.Select(p => WaitUntilReadyAsync(p)));
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
        return deployment;
    }

    /// <summary>Stops the gateway with SIGTERM, checks it exited cleanly, and starts it again on the same ports, data folder
    /// and database.</summary>
    public async Task RestartGatewayAsync()
    {
        var exitCode = await _gateway.StopAsync(Timeouts.ProcessStop);
        if (exitCode != 0) Assert.Fail($"The gateway exited with code {exitCode} on SIGTERM.\n{Describe()}");
        _gateway = Start(_gateway.Spec with { Name = $"{_gateway.Spec.Name}'" });
        await WaitUntilReadyAsync(_gateway);
    }

    /// <summary>Outbox rows the gateway has not published yet, as its /health reports them; null when it cannot say.</summary>
    public async Task<long?> OutboxPendingAsync()
    {
        var health = await _gateway.GetHealthAsync();
        return health is { } h && h.TryGetProperty("outboxPending", out var pending) && pending.ValueKind == System.Text.Json.JsonValueKind.Number
            ? pending.GetInt64() : null;
    }

    /// <summary>Kills a worker with SIGKILL (kill -9).</summary>
    public async Task KillWorkerAsync(ServeProcess worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        await worker.KillAsync();
        _workers.Remove(worker);
    }

    /// <summary>Every process started so far, restarted and killed ones too, with their recent log lines.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var process in _started) text.Append(process.Describe());
        return text.ToString();
    }

    private ServeProcess Launch(string name, string role)
    {
        // The application name tells each process's sessions apart in pg_stat_activity.
        var postgres = new NpgsqlConnectionStringBuilder(Postgres) { ApplicationName = name }.ConnectionString;
        var environment = new Dictionary<string, string>
        {
            ["IMAGING_GATEWAY__SERIESQUIETTIMEOUT"] = _quietTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        return Start(new ServeSpec(name, role, DataDirectory, Ports.Next(), Ports.Next(), _rabbitMq, postgres, environment));
    }

    private ServeProcess Start(ServeSpec spec)
    {
        var process = ServeProcess.Start(spec);
        _started.Add(process);
        return process;
    }

    private static async Task WaitUntilReadyAsync(ServeProcess process)
    {
        await process.WaitUntilHealthyAsync(Timeouts.ProcessStart);
        if (process.Spec.Role == "worker")
            await process.WaitForLineAsync(l => l.Contains("Bus started", StringComparison.Ordinal), Timeouts.ProcessStart, "that its bus started");
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        foreach (var process in _started) await process.DisposeAsync();
        _folder.Dispose();
    }
}
