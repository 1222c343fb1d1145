using Imaging.Contracts;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>Series readiness: the assembler's state, shared by every gateway.</summary>
public sealed partial class PostgresImagingStore
{
    public async Task<IReadOnlyList<SeriesReady>> CompleteDueSeriesAsync(DateTimeOffset now, int maximum, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var completed = new List<SeriesReady>();
        // Stored deadlines are lower bounds (instances do not move them): a due candidate whose newest instance is more
        // recent only gets its true deadline, and leaves the candidates; so this loop ends.
        while (completed.Count < maximum)
        {
            var candidates = await LockDueSeriesAsync(connection, transaction, now, maximum - completed.Count, cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0) break;
            // Read after the locks are held (a new statement, so a new snapshot): every instance committed before is
            // counted, and none can commit meanwhile (inserting one share-locks the series row, which now waits).
            var statistics = await ReadInstanceStatisticsAsync(connection, transaction, [.. candidates.Select(c => c.Series)], cancellationToken)
                .ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var candidate in candidates)
            {
                var (lastReceived, count) = statistics.GetValueOrDefault(candidate.Series);
                var trueDeadline = lastReceived + candidate.Timeout;
                if (trueDeadline > now)
                {
                    var slide = new NpgsqlBatchCommand("UPDATE series SET quiet_deadline = @deadline WHERE series_instance_uid = @uid");
                    slide.Parameters.Instant("deadline", trueDeadline.Value).Text("uid", candidate.Series);
                    batch.BatchCommands.Add(slide);
                    continue;
                }
                var ready = new SeriesReady(candidate.Study, candidate.Series, candidate.Version + 1, count, now);
                var complete = new NpgsqlBatchCommand("""
                    UPDATE series SET state = 'ready', ready_version = @version, ready_at = @now, quiet_deadline = NULL
                    WHERE series_instance_uid = @uid
                    """);
                complete.Parameters.Integer("version", ready.ReadyVersion).Instant("now", now).Text("uid", candidate.Series);
                batch.BatchCommands.Add(complete);
                batch.BatchCommands.Add(OutboxInsert(OutboxSerialization.MessageType<SeriesReady>(), OutboxSerialization.Serialize(ready), linkSeries: candidate.Series));
                completed.Add(ready);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return completed;
    }

    /// <summary>Due pending series, locked; rows another transaction holds (an assembler, or an instance being recorded)
    /// are skipped, never waited for.</summary>
    private static async Task<List<(string Series, string Study, TimeSpan Timeout, int Version)>> LockDueSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT series_instance_uid, study_instance_uid, quiet_timeout, ready_version
            FROM series
            WHERE state = 'pending' AND quiet_deadline <= @now
            ORDER BY quiet_deadline, series_instance_uid
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.Instant("now", now).Integer("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<(string, string, TimeSpan, int)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<TimeSpan>(2), reader.GetInt32(3)));
        return candidates;
    }

    private static async Task<Dictionary<string, (DateTimeOffset? LastReceived, int Count)>> ReadInstanceStatisticsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] series, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT series_instance_uid, max(received_at), count(*) FROM instances
            WHERE series_instance_uid = ANY(@series) GROUP BY series_instance_uid
            """, connection, transaction);
        command.Parameters.TextArray("series", series);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var statistics = new Dictionary<string, (DateTimeOffset?, int)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            statistics[reader.GetString(0)] = (reader.GetInstant(1), checked((int)reader.GetInt64(2)));
        return statistics;
    }

    public async Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT min(quiet_deadline) FROM series WHERE state = 'pending'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.IsDBNull(0) ? null : reader.GetInstant(0);
    }
}
