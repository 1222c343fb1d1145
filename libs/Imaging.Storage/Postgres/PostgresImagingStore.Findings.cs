using Imaging.Storage.Postgres;

namespace Imaging.Storage;

/// <summary>Findings per series, analyzer and analyzer version; a higher ready version replaces, anything else is a duplicate.</summary>
public sealed partial class PostgresImagingStore
{
    public async Task<bool> SaveFindingsAsync(FindingsRecord findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO findings (series_instance_uid, analyzer, analyzer_version, study_instance_uid, ready_version, payload, produced_at, traceparent)
            VALUES (@series, @analyzer, @version, @study, @ready, @payload, @produced, @traceparent)
            ON CONFLICT (series_instance_uid, analyzer, analyzer_version) DO UPDATE SET
                study_instance_uid = EXCLUDED.study_instance_uid, ready_version = EXCLUDED.ready_version,
                payload = EXCLUDED.payload, produced_at = EXCLUDED.produced_at, traceparent = EXCLUDED.traceparent
            WHERE EXCLUDED.ready_version > findings.ready_version
            """);
        command.Parameters.Text("series", findings.SeriesInstanceUid).Text("analyzer", findings.Analyzer).Text("version", findings.AnalyzerVersion)
            .Text("study", findings.StudyInstanceUid).Integer("ready", findings.ReadyVersion).Jsonb("payload", findings.Payload)
            .Instant("produced", findings.ProducedAt).Text("traceparent", OutboxTraceContext.Current());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<FindingsRecord>> GetFindingsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var command = _dataSource.CreateCommand("""
            SELECT study_instance_uid, series_instance_uid, analyzer, analyzer_version, ready_version, payload::text, produced_at
            FROM findings WHERE series_instance_uid = @series ORDER BY analyzer, analyzer_version
            """);
        command.Parameters.Text("series", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<FindingsRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new FindingsRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetString(5), reader.GetInstant(6)));
        }
        return records;
    }
}
