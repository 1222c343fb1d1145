using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>Prior retrieval bookkeeping (look-ups and retrievals with leases and backoff), shared by every gateway.</summary>
public sealed partial class PostgresImagingStore : IPriorFetchStore
{
    public async Task<bool> RequestPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO prior_queries (study_instance_uid, patient_id, study_date, state, next_attempt_at, created_at)
            SELECT s.study_instance_uid, s.patient_id, s.study_date, 'pending', @now, @now
            FROM studies s
            WHERE s.study_instance_uid = @study AND trim(s.patient_id) <> ''
              AND NOT EXISTS (SELECT 1 FROM prior_fetches f WHERE f.study_instance_uid = s.study_instance_uid)
            ON CONFLICT (study_instance_uid) DO NOTHING
            """);
        command.Parameters.Text("study", studyInstanceUid).Instant("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<PriorQueryWork?> LeasePriorQueryAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // SKIP LOCKED: a row another gateway is leasing right now is passed over, never waited for.
        await using var command = _dataSource.CreateCommand("""
            UPDATE prior_queries SET leased_until = @until, attempts = attempts + 1
            WHERE study_instance_uid = (SELECT study_instance_uid FROM prior_queries
                WHERE state = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
                ORDER BY next_attempt_at, study_instance_uid LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING study_instance_uid, patient_id, study_date, attempts
            """);
        command.Parameters.Instant("until", now + lease).Instant("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PriorQueryWork(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetInt32(3))
            : null;
    }

    public Task FinishPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        FinishAsync("prior_queries", studyInstanceUid, now, error, retryAt, cancellationToken);

    public Task FinishPriorFetchAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        FinishAsync("prior_fetches", studyInstanceUid, now, error, retryAt, cancellationToken);

    private async Task FinishAsync(string table, string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        var state = error is null ? "done" : retryAt is null ? "failed" : "pending";
        await using var command = _dataSource.CreateCommand($"""
            UPDATE {table} SET state = @state, leased_until = NULL, last_error = @error,
                next_attempt_at = coalesce(@retry, next_attempt_at), completed_at = CASE WHEN @state = 'pending' THEN NULL ELSE @now END
            WHERE study_instance_uid = @study
            """);
        command.Parameters.Text("state", state).Text("error", SqliteImagingStore.Truncate(error)).Text("study", studyInstanceUid).Instant("now", now);
        command.Parameters.Add(new NpgsqlParameter("retry", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = retryAt is { } r ? r.ToUniversalTime() : DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> AddPriorFetchesAsync(IReadOnlyList<PriorFetchRequest> fetches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        if (fetches.Count == 0) return 0;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var fetch in fetches)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO prior_fetches (study_instance_uid, patient_id, source, study_date, expected_instances, state, next_attempt_at, created_at)
                VALUES (@study, @patient, @source, @date, @expected, 'pending', @now, @now)
                ON CONFLICT (study_instance_uid) DO NOTHING
                """);
            command.Parameters.Text("study", fetch.StudyInstanceUid).Text("patient", fetch.PatientId).Text("source", fetch.Source)
                .Text("date", fetch.StudyDate).Integer("expected", fetch.ExpectedInstances).Instant("now", now);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var command in batch.BatchCommands) added += checked((int)command.RecordsAffected);
        return added;
    }

    public async Task<PriorFetchWork?> LeasePriorFetchAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand("""
            UPDATE prior_fetches SET leased_until = @until, attempts = attempts + 1
            WHERE study_instance_uid = (SELECT study_instance_uid FROM prior_fetches
                WHERE state = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
                ORDER BY next_attempt_at, study_instance_uid LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING study_instance_uid, patient_id, source, expected_instances, attempts
            """);
        command.Parameters.Instant("until", now + lease).Instant("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PriorFetchWork(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableInt32(3), reader.GetInt32(4))
            : null;
    }

    public async Task<PriorCandidateState> GetCandidateStateAsync(string patientId, IReadOnlyCollection<string> studyInstanceUids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(studyInstanceUids);
        var uids = studyInstanceUids.ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        int fetches;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM prior_fetches WHERE patient_id = @patient", connection))
        {
            count.Parameters.Text("patient", patientId);
            fetches = checked((int)(long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }

        var tracked = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = new NpgsqlCommand("SELECT study_instance_uid FROM prior_fetches WHERE study_instance_uid = ANY(@uids)", connection))
        {
            select.Parameters.TextArray("uids", uids);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) tracked.Add(reader.GetString(0));
        }

        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var select = new NpgsqlCommand("""
            SELECT se.study_instance_uid, count(*) FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid
            WHERE se.study_instance_uid = ANY(@uids) GROUP BY se.study_instance_uid
            """, connection))
        {
            select.Parameters.TextArray("uids", uids);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) held[reader.GetString(0)] = checked((int)reader.GetInt64(1));
        }
        return new PriorCandidateState(fetches, tracked, held);
    }

    public async Task<DateTimeOffset?> NextPriorWorkAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT min(t) FROM (
                SELECT min(greatest(next_attempt_at, leased_until)) AS t FROM prior_queries WHERE state = 'pending'
                UNION ALL
                SELECT min(greatest(next_attempt_at, leased_until)) FROM prior_fetches WHERE state = 'pending') AS due
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.IsDBNull(0) ? null : reader.GetInstant(0);
    }

    public Task<PriorWorkStatus?> GetPriorQueryAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        GetStatusAsync("SELECT study_instance_uid, patient_id, state, attempts, next_attempt_at, last_error, NULL::text FROM prior_queries WHERE study_instance_uid = @study",
            studyInstanceUid, cancellationToken);

    public Task<PriorWorkStatus?> GetPriorFetchAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        GetStatusAsync("SELECT study_instance_uid, patient_id, state, attempts, next_attempt_at, last_error, source FROM prior_fetches WHERE study_instance_uid = @study",
            studyInstanceUid, cancellationToken);

    private async Task<PriorWorkStatus?> GetStatusAsync(string sql, string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Text("study", studyInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new PriorWorkStatus(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
            reader.GetInstant(4), reader.GetNullableString(5), reader.GetNullableString(6));
    }
}
