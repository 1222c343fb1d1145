using Imaging.Contracts;
using Imaging.Storage.Sqlite;

namespace Imaging.Storage;

/// <summary>Reopening an analysed series: one more ready version and its SeriesReady in the outbox, in one transaction.</summary>
public sealed partial class SqliteImagingStore : ISeriesReopener
{
    public Task<SeriesReady?> ReopenSeriesAsync(string seriesInstanceUid, int expectedReadyVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        var traceParent = OutboxTraceContext.Current();
        return _writes.RunAsync(context =>
        {
            var update = context.Command("""
                UPDATE series SET ready_version = ready_version + 1, ready_at = $now
                WHERE series_instance_uid = $uid AND state = 'ready' AND ready_version = $expected
                RETURNING study_instance_uid, ready_version,
                    (SELECT count(*) FROM instances i WHERE i.series_instance_uid = series.series_instance_uid)
                """).With("$now", UnixMicroseconds.From(now)).With("$uid", seriesInstanceUid).With("$expected", expectedReadyVersion);
            SeriesReady? ready = null;
            using (var reader = update.ExecuteReader())
            {
                if (reader.Read()) ready = new SeriesReady(reader.GetString(0), seriesInstanceUid, reader.GetInt32(1), reader.GetInt32(2), now);
            }
            if (ready is not null) AddOutboxRow(context, OutboxSerialization.MessageType<SeriesReady>(), OutboxSerialization.Serialize(ready), traceParent, seriesInstanceUid);
            return ready;
        }, cancellationToken);
    }
}
