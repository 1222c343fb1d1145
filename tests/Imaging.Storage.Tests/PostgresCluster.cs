using System.Net;
using System.Net.Sockets;
using Imaging.Dicom.Tests.Support;
using Npgsql;

namespace Imaging.Storage.Tests;

/// <summary>A private PostgreSQL cluster in a temporary folder on a free loopback port, started and stopped with
/// deploy/local/postgres.sh (the same script developers use).</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder;

    private PostgresCluster(TempFolder folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    /// <summary>The cluster's "imaging" database, as printed by the script.</summary>
    public string ConnectionString { get; }

    public string DataDirectory => _folder.File("pg");

    public static async Task<PostgresCluster> StartAsync()
    {
        RequireServerBinaries();
        var folder = new TempFolder();
        try
        {
            var result = await ExternalTool.RunAsync("bash", [Script, "start", folder.File("pg"), FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ScriptTimeout);
            result.EnsureSuccess("deploy/local/postgres.sh start");
            var connectionString = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return new PostgresCluster(folder, connectionString);
        }
        catch
        {
            await StopAsync(folder.File("pg"));
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A new, empty database in this cluster; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (the data folder stays until disposal).</summary>
    public Task StopAsync() => StopAsync(DataDirectory);

    private static async Task StopAsync(string directory) =>
        (await ExternalTool.RunAsync("bash", [Script, "stop", directory], ScriptTimeout)).EnsureSuccess("deploy/local/postgres.sh stop");

    public async ValueTask DisposeAsync()
    {
        // Idle connections of this cluster's admin pool would only see the server go away; drop them first.
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        await StopAsync();
        _folder.Dispose();
    }

    private static string Script => Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "postgres.sh");

    /// <summary>Tests never install software: tests/run.sh does (peers_require_postgresql). Without the server binaries
    /// the PostgreSQL tests fail here, saying so.</summary>
    private static void RequireServerBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BIN");
        var candidates = !string.IsNullOrEmpty(fromEnvironment)
            ? [fromEnvironment]
            : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : [];
        if (!candidates.Any(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"))))
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or $PG_BIN. " +
                "Run the tests with tests/run.sh, which installs them (deploy/local/peers.sh: peers_require_postgresql).");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
