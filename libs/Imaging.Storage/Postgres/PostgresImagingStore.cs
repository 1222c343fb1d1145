using Imaging.Storage.Migrations;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>The distributed store: PostgreSQL, shared by several gateways, workers and API nodes. Row locks with
/// <c>SKIP LOCKED</c> keep concurrent assemblers and relays apart; commits are durable (synchronous_commit) before a
/// call returns.</summary>
/// <remarks>Fails fast rather than hanging when the server is away: unless the connection string says otherwise, a
/// connection attempt gives up after <see cref="DefaultConnectTimeoutSeconds"/> and a statement after
/// <see cref="DefaultCommandTimeoutSeconds"/>.</remarks>
public sealed partial class PostgresImagingStore : IImagingStore
{
    /// <summary>Connect timeout used when the connection string keeps Npgsql's default (15 s): the gateway must answer a
    /// sender (failure, 0xA700) well within its DIMSE timeout.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>Statement timeout used when the connection string keeps Npgsql's default (30 s).</summary>
    public const int DefaultCommandTimeoutSeconds = 15;

    /// <summary>Key of the session advisory lock held while migrating: two processes starting together migrate one at a
    /// time, and the second finds every version recorded. ASCII "ImgStore".</summary>
    private const long MigrationLockKey = 0x496D6753746F7265;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Uses <paramref name="connectionString"/> (Npgsql syntax); call <see cref="MigrateAsync"/> before anything else.</summary>
    public PostgresImagingStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var defaults = new NpgsqlConnectionStringBuilder();
        if (builder.Timeout == defaults.Timeout) builder.Timeout = DefaultConnectTimeoutSeconds;
        if (builder.CommandTimeout == defaults.CommandTimeout) builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        // The ingest statements run thousands of times per series: prepared once per connection, they skip parse and plan.
        if (builder.MaxAutoPrepare == defaults.MaxAutoPrepare) builder.MaxAutoPrepare = 64;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(" + MigrationLockKey + ")", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken).ConfigureAwait(false);
            var applied = await ReadVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            foreach (var migration in MigrationScripts.Load("postgres"))
            {
                if (applied.Contains(migration.Version)) continue;
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection, transaction))
                {
                    record.Parameters.Integer("version", migration.Version).Text("name", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Closing the session would release the lock too; unlocking keeps the pooled connection clean.
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(" + MigrationLockKey + ")", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The versions recorded in <c>schema_version</c>, in order (for tests and diagnostics).</summary>
    internal async Task<IReadOnlyList<int>> GetAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await ReadVersionsAsync(connection, cancellationToken).ConfigureAwait(false)).Order()];
    }

    private static async Task<HashSet<int>> ReadVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM studies), (SELECT count(*) FROM series),
                   (SELECT count(*) FROM instances), (SELECT count(*) FROM outbox), (SELECT count(*) FROM findings)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
