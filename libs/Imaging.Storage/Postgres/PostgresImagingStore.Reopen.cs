using Imaging.Contracts;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>Reopening an analysed series: one more ready version and its SeriesReady in the outbox, in one transaction.</summary>
public sealed partial class PostgresImagingStore : ISeriesReopener
{
    public async Task<SeriesReady?> ReopenSeriesAsync(string seriesInstanceUid, int expectedReadyVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        var traceParent = OutboxTraceContext.Current();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        SeriesReady? ready = null;
        // The conditional UPDATE takes the row lock: of two concurrent reopeners with the same expected version, the second
        // re-checks the condition after the first commits and updates nothing.
        await using (var update = new NpgsqlCommand("""
            UPDATE series SET ready_version = ready_version + 1, ready_at = @now
            WHERE series_instance_uid = @uid AND state = 'ready' AND ready_version = @expected
            RETURNING study_instance_uid, ready_version,
                (SELECT count(*) FROM instances i WHERE i.series_instance_uid = @uid)
            """, connection, transaction))
        {
            update.Parameters.Instant("now", now).Text("uid", seriesInstanceUid).Integer("expected", expectedReadyVersion);
            await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                ready = new SeriesReady(reader.GetString(0), seriesInstanceUid, reader.GetInt32(1), checked((int)reader.GetInt64(2)), now);
        }
        if (ready is not null)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(OutboxInsert(OutboxSerialization.MessageType<SeriesReady>(), OutboxSerialization.Serialize(ready), traceParent, seriesInstanceUid));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ready;
    }
}
