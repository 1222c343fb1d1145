using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>Findings per series, analyzer and analyzer version; a higher ready version replaces, anything else is a duplicate.</summary>
public sealed partial class SqliteImagingStore
{
    public Task<bool> SaveFindingsAsync(FindingsRecord findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var traceParent = OutboxTraceContext.Current();
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                INSERT INTO findings (series_instance_uid, analyzer, analyzer_version, study_instance_uid, ready_version, payload, produced_at, traceparent)
                VALUES ($series, $analyzer, $version, $study, $ready, $payload, $produced, $traceparent)
                ON CONFLICT (series_instance_uid, analyzer, analyzer_version) DO UPDATE SET
                    study_instance_uid = excluded.study_instance_uid, ready_version = excluded.ready_version,
                    payload = excluded.payload, produced_at = excluded.produced_at, traceparent = excluded.traceparent
                WHERE excluded.ready_version > ready_version
                """);
            command.With("$series", findings.SeriesInstanceUid).With("$analyzer", findings.Analyzer).With("$version", findings.AnalyzerVersion)
                .With("$study", findings.StudyInstanceUid).With("$ready", findings.ReadyVersion).With("$payload", findings.Payload)
                .With("$produced", UnixMicroseconds.From(findings.ProducedAt)).With("$traceparent", traceParent);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<FindingsRecord>> GetFindingsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, """
            SELECT study_instance_uid, series_instance_uid, analyzer, analyzer_version, ready_version, payload, produced_at
            FROM findings WHERE series_instance_uid = $series ORDER BY analyzer, analyzer_version
            """).With("$series", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<FindingsRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new FindingsRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetString(5), UnixMicroseconds.ToInstant(reader.GetInt64(6))));
        }
        return records;
    }
}
