using Imaging.Storage.Migrations;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a returned write has been
/// fsync'd (the gateway acknowledges only after that). Writes are group-committed through one connection
/// (<see cref="SqliteWriteQueue"/>); reads use pooled connections and run beside the writer.</summary>
public sealed partial class SqliteImagingStore : IImagingStore
{
    /// <summary>How long a write waits for another process holding the database lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;
    private readonly SqliteWriteQueue _writes;
    private int _disposed;

    /// <summary>Opens (or creates, on first write) the database file at <paramref name="databasePath"/>; call
    /// <see cref="MigrateAsync"/> before anything else.</summary>
    public SqliteImagingStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _writes = new SqliteWriteQueue(OpenWriterConnection);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(DatabasePath);
        if (directory is not null) Directory.CreateDirectory(directory);
        using var connection = OpenWriterConnection();
        foreach (var migration in MigrationScripts.Load("sqlite"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // BEGIN IMMEDIATE: another process migrating the same file waits here, then sees the version recorded.
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(transaction,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
            using (var applied = connection.Command(transaction, "SELECT count(*) FROM schema_version WHERE version = $version").With("$version", migration.Version))
            {
                if ((long)applied.ExecuteScalar()! > 0) continue;
            }
            connection.Execute(transaction, migration.Sql);
            using (var record = connection.Command(transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at)"))
            {
                record.With("$version", migration.Version).With("$name", migration.Name).With("$at", UnixMicroseconds.From(DateTimeOffset.UtcNow)).ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return Task.CompletedTask;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, in order (for tests and diagnostics).</summary>
    internal async Task<IReadOnlyList<int>> GetAppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "SELECT version FROM schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, """
            SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM studies), (SELECT count(*) FROM series),
                   (SELECT count(*) FROM instances), (SELECT count(*) FROM outbox), (SELECT count(*) FROM findings)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>The writer's connection: WAL (readers never block it), fsync at every commit, foreign keys enforced.</summary>
    private SqliteConnection OpenWriterConnection()
    {
        var connection = OpenReadConnection();
        try
        {
            connection.Execute(null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteConnection OpenReadConnection()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Per connection, so they are set again on pooled connections (cheap: no I/O).
            connection.Execute(null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _writes.DisposeAsync().ConfigureAwait(false);
        // Pooled connections would keep the file (and its WAL) open after the store is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
