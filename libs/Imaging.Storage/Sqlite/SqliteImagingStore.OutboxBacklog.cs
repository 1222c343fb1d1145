using Imaging.Storage.Sqlite;

namespace Imaging.Storage;

/// <summary>The outbox backlog for metrics: one read, on the rowid order (ids are creation order, see the outbox table).</summary>
public sealed partial class SqliteImagingStore : IOutboxBacklog
{
    public async Task<OutboxBacklog> GetOutboxBacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null,
            "SELECT count(*), (SELECT created_at FROM outbox ORDER BY id LIMIT 1) FROM outbox");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return new OutboxBacklog(0, null);
        return new OutboxBacklog(reader.GetInt64(0), reader.IsDBNull(1) ? null : UnixMicroseconds.ToInstant(reader.GetInt64(1)));
    }
}
