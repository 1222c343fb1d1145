using System.Globalization;
using Imaging.Dicom.Tests.Support;
using Imaging.Pipeline.Tests.Support;
using Imaging.Storage.Tests;
using Npgsql;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>What the distributed mode runs on, started once per test collection by the deploy/local scripts: a private
/// RabbitMQ node and a private PostgreSQL cluster on free loopback ports. Each deployment gets its own virtual host and
/// database in them, so nothing one test leaves behind (a durable queue, a message, a row) reaches the next.</summary>
public sealed class DistributedInfrastructure : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private readonly RabbitMqNode _broker = new();
    private PostgresCluster? _database;

    public PostgresCluster Database => _database ?? throw new InvalidOperationException("The PostgreSQL cluster did not start.");

    public async Task InitializeAsync()
    {
        var broker = _broker.InitializeAsync();
        var database = PostgresCluster.StartAsync();
        await Task.WhenAll(broker, database);
        _database = await database;
    }

    /// <summary>A new virtual host the guest user may use; returns the broker URI that selects it.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var name = $"e2e-{Guid.NewGuid():N}";
        (await _broker.CtlAsync("add_vhost", name)).EnsureSuccess("rabbitmqctl add_vhost");
        (await _broker.CtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*")).EnsureSuccess("rabbitmqctl set_permissions");
        return new Uri(_broker.Uri, name).ToString();
    }

    /// <summary>A new, empty database; the processes create the schema (migrations) when they start.</summary>
    public Task<string> CreateDatabaseAsync() => Database.CreateDatabaseAsync();

    /// <summary>Stops the broker (rabbitmqctl stop: the node closes every connection and exits).</summary>
    public Task StopBrokerAsync() => _broker.StopAsync();

    /// <summary>Starts the broker again: same node, ports and data (durable queues and their messages).</summary>
    public Task StartBrokerAsync() => _broker.StartAsync();

    /// <summary>Stops PostgreSQL (fast shutdown: sessions are terminated, committed data stays).</summary>
    public Task StopDatabaseAsync() => Database.StopAsync();

    /// <summary>Starts PostgreSQL again on the same folder and port.</summary>
    public async Task StartDatabaseAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(Database.ConnectionString).Port;
        var script = Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "postgres.sh");
        (await ExternalTool.RunAsync("bash", [script, "start", Database.DataDirectory, port.ToString(CultureInfo.InvariantCulture)], ScriptTimeout))
            .EnsureSuccess("deploy/local/postgres.sh start (restart)");
        // This process's pooled sessions died with the server; the next database a test creates must not get one of them.
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _broker.DisposeAsync();
        }
        finally
        {
            if (_database is not null) await _database.DisposeAsync();
        }
    }
}
