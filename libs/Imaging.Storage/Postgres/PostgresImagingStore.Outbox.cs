using Imaging.Storage.Postgres;

namespace Imaging.Storage;

/// <summary>The outbox relay's side: claim with a lease (<c>SKIP LOCKED</c>: relays on several gateways never wait for
/// or share a row), then mark published or release. Leases run on the database clock, the one clock all relays share.
/// The claimable rows are picked in a CTE: a locking CTE runs exactly once, whereas a sub-select under <c>IN</c> may be
/// re-run by the planner and lock more rows than it returns.</summary>
public sealed partial class PostgresImagingStore
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maximum, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand("""
            WITH claimable AS (
                SELECT id FROM outbox WHERE leased_until IS NULL OR leased_until <= clock_timestamp()
                ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE outbox SET leased_until = clock_timestamp() + @lease
            FROM claimable WHERE outbox.id = claimable.id
            RETURNING outbox.id, outbox.message_type, outbox.payload, outbox.created_at, outbox.attempts, outbox.traceparent, outbox.trace_links
            """);
        command.Parameters.Interval("lease", lease).Integer("limit", maximum);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInstant(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        // RETURNING gives rows in no promised order.
        messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        return messages;
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return;
        await using var command = _dataSource.CreateCommand("DELETE FROM outbox WHERE id = ANY(@ids)");
        command.Parameters.BigintArray("ids", [.. ids]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return;
        await using var command = _dataSource.CreateCommand("UPDATE outbox SET leased_until = NULL, attempts = attempts + 1 WHERE id = ANY(@ids)");
        command.Parameters.BigintArray("ids", [.. ids]);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM outbox");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
