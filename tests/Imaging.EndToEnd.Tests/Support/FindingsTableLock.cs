using Imaging.Pipeline.Tests.Support;
using Npgsql;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Holds a SHARE lock on the findings table in an open transaction: a worker that has read a series' headers then
/// waits in its findings INSERT, so a test can kill it in the middle of the job at a known point instead of racing it.
/// Reads (the API) are not blocked.</summary>
public sealed class FindingsTableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _probeConnectionString;
    private NpgsqlTransaction? _transaction;

    private FindingsTableLock(NpgsqlConnection connection, NpgsqlTransaction transaction, string probeConnectionString)
    {
        _connection = connection;
        _transaction = transaction;
        _probeConnectionString = probeConnectionString;
    }

    /// <summary>Takes the lock in <paramref name="connectionString"/>'s database (its schema must exist already).</summary>
    public static async Task<FindingsTableLock> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "e2e-lock", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE findings IN SHARE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new FindingsTableLock(connection, transaction,
            new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "e2e-probe", Pooling = false }.ConnectionString);
    }

    /// <summary>Waits until a session of the process named <paramref name="applicationName"/> waits for this lock.</summary>
    public Task WaitUntilBlockedAsync(string applicationName, TimeSpan timeout, Func<string> describe) =>
        Eventually.UntilAsync(async () => await CountAsync("""
            SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = 'findings'::regclass AND NOT l.granted AND a.application_name = @name
            """, applicationName) > 0, timeout, () => $"{applicationName} waiting for the findings table.\n{describe()}");

    /// <summary>Ends every session of <paramref name="applicationName"/> and waits until they are gone. A process killed
    /// with SIGKILL leaves its statement running in the server until the server next talks to it; released, an INSERT
    /// waiting here would still commit. Terminating it makes the kill what it is meant to be: the job is lost with the
    /// process and can only be finished by a redelivery.</summary>
    public async Task TerminateSessionsAsync(string applicationName, TimeSpan timeout)
    {
        await CountAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", applicationName);
        await Eventually.UntilAsync(async () => await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", applicationName) == 0,
            timeout, () => $"the sessions of {applicationName} ending");
    }

    /// <summary>Rolls the locking transaction back: blocked writers go on.</summary>
    public async Task ReleaseAsync()
    {
        if (_transaction is null) return;
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    private async Task<long> CountAsync(string sql, string applicationName)
    {
        // A session of its own, one statement per transaction: within a transaction pg_stat_activity is a snapshot taken at
        // its first use, so the locking transaction would never see a session arrive or leave.
        await using var connection = new NpgsqlConnection(_probeConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
