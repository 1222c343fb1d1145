using System.Text.Json;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The outbox relay's side: claim with a lease, then mark published or release.</summary>
public sealed partial class SqliteImagingStore
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maximum, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // Not durable: a lease lost in a crash only lets the row be claimed again (see SqliteWriteQueue).
        return _writes.RunAsync(context => Claim(context, maximum, lease), cancellationToken, durable: false);
    }

    private static IReadOnlyList<OutboxMessage> Claim(SqliteWriteContext context, int maximum, TimeSpan lease)
    {
        var now = DateTimeOffset.UtcNow;
        var command = context.Command("""
            UPDATE outbox SET leased_until = $until
            WHERE id IN (SELECT id FROM outbox WHERE leased_until IS NULL OR leased_until <= $now ORDER BY id LIMIT $limit)
            RETURNING id, message_type, payload, created_at, attempts, traceparent, trace_links
            """).With("$until", UnixMicroseconds.From(now + lease)).With("$now", UnixMicroseconds.From(now)).With("$limit", maximum);
        using var reader = command.ExecuteReader();
        var messages = new List<OutboxMessage>();
        while (reader.Read())
        {
            messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                UnixMicroseconds.ToInstant(reader.GetInt64(3)), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        // RETURNING gives rows in no promised order.
        messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        return messages;
    }

    public Task MarkPublishedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return Task.CompletedTask;
        var list = JsonSerializer.Serialize(ids);
        return _writes.RunAsync(context =>
        {
            var command = context.Command("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each($ids))");
            return command.With("$ids", list).ExecuteNonQuery();
        }, cancellationToken, durable: false);   // lost in a crash: the message is published again (at-least-once)
    }

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return Task.CompletedTask;
        var list = JsonSerializer.Serialize(ids);
        return _writes.RunAsync(context =>
        {
            var command = context.Command(
                "UPDATE outbox SET leased_until = NULL, attempts = attempts + 1 WHERE id IN (SELECT value FROM json_each($ids))");
            return command.With("$ids", list).ExecuteNonQuery();
        }, cancellationToken, durable: false);   // lost in a crash: the lease expires instead
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "SELECT count(*) FROM outbox");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
