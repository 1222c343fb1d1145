using Imaging.Storage.Postgres;

namespace Imaging.Storage;

/// <summary>The outbox backlog for metrics: the oldest row by id (the primary key, so no scan) and the count.</summary>
public sealed partial class PostgresImagingStore : IOutboxBacklog
{
    public async Task<OutboxBacklog> GetOutboxBacklogAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT count(*), (SELECT created_at FROM outbox ORDER BY id LIMIT 1) FROM outbox");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return new OutboxBacklog(0, null);
        return new OutboxBacklog(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInstant(1));
    }
}
