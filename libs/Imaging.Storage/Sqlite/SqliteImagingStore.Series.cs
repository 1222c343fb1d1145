using Imaging.Contracts;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>Series readiness: the assembler's state, in the database.</summary>
public sealed partial class SqliteImagingStore
{
    public Task<IReadOnlyList<SeriesReady>> CompleteDueSeriesAsync(DateTimeOffset now, int maximum, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        // The write transaction is the lock: two callers (threads or processes) never see the same series pending.
        return _writes.RunAsync(context => CompleteDue(context, now, maximum), cancellationToken);
    }

    private static IReadOnlyList<SeriesReady> CompleteDue(SqliteWriteContext context, DateTimeOffset now, int maximum)
    {
        var nowMicroseconds = UnixMicroseconds.From(now);
        var completed = new List<SeriesReady>();
        // Stored deadlines are lower bounds (instances do not move them): a due candidate whose newest instance is more
        // recent only gets its true deadline, and leaves the candidates; so this loop ends.
        while (completed.Count < maximum)
        {
            var candidates = new List<(string Series, string Study, long Timeout, int Version, long? LastReceived, int Count)>();
            var select = context.Command("""
                SELECT se.series_instance_uid, se.study_instance_uid, se.quiet_timeout, se.ready_version,
                       (SELECT max(i.received_at) FROM instances i WHERE i.series_instance_uid = se.series_instance_uid),
                       (SELECT count(*) FROM instances i WHERE i.series_instance_uid = se.series_instance_uid)
                FROM series se
                WHERE se.state = 'pending' AND se.quiet_deadline <= $now
                ORDER BY se.quiet_deadline, se.series_instance_uid
                LIMIT $limit
                """).With("$now", nowMicroseconds).With("$limit", maximum - completed.Count);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetInt32(5)));
                }
            }
            if (candidates.Count == 0) break;

            foreach (var candidate in candidates)
            {
                var trueDeadline = candidate.LastReceived + candidate.Timeout;
                if (trueDeadline > nowMicroseconds)
                {
                    var slide = context.Command("UPDATE series SET quiet_deadline = $deadline WHERE series_instance_uid = $uid");
                    slide.With("$deadline", trueDeadline).With("$uid", candidate.Series).ExecuteNonQuery();
                    continue;
                }
                var ready = new SeriesReady(candidate.Study, candidate.Series, candidate.Version + 1, candidate.Count, now);
                var complete = context.Command("""
                    UPDATE series SET state = 'ready', ready_version = $version, ready_at = $now, quiet_deadline = NULL
                    WHERE series_instance_uid = $uid
                    """);
                complete.With("$version", ready.ReadyVersion).With("$now", nowMicroseconds).With("$uid", candidate.Series).ExecuteNonQuery();
                AddOutboxRow(context, OutboxSerialization.MessageType<SeriesReady>(), OutboxSerialization.Serialize(ready), linkSeries: candidate.Series);
                completed.Add(ready);
            }
        }
        return completed;
    }

    public async Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "SELECT min(quiet_deadline) FROM series WHERE state = 'pending'");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long microseconds ? UnixMicroseconds.ToInstant(microseconds) : null;
    }
}
