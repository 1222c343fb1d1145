using System.Text.Json;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>Prior retrieval bookkeeping (look-ups and retrievals with leases and backoff).</summary>
public sealed partial class SqliteImagingStore : IPriorFetchStore
{
    /// <summary>Longest error text kept per row: a peer's error comment is hostile input.</summary>
    internal const int MaximumErrorLength = 1000;

    public Task<bool> RequestPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                INSERT INTO prior_queries (study_instance_uid, patient_id, study_date, state, next_attempt_at, created_at)
                SELECT s.study_instance_uid, s.patient_id, s.study_date, 'pending', $now, $now
                FROM studies s
                WHERE s.study_instance_uid = $study AND trim(s.patient_id) <> ''
                  AND NOT EXISTS (SELECT 1 FROM prior_fetches f WHERE f.study_instance_uid = s.study_instance_uid)
                ON CONFLICT (study_instance_uid) DO NOTHING
                """).With("$study", studyInstanceUid).With("$now", UnixMicroseconds.From(now));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<PriorQueryWork?> LeasePriorQueryAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // The write transaction is the lock: two callers never lease the same row.
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                UPDATE prior_queries SET leased_until = $until, attempts = attempts + 1
                WHERE study_instance_uid = (SELECT study_instance_uid FROM prior_queries
                    WHERE state = 'pending' AND next_attempt_at <= $now AND (leased_until IS NULL OR leased_until <= $now)
                    ORDER BY next_attempt_at, study_instance_uid LIMIT 1)
                RETURNING study_instance_uid, patient_id, study_date, attempts
                """).With("$until", UnixMicroseconds.From(now + lease)).With("$now", UnixMicroseconds.From(now));
            using var reader = command.ExecuteReader();
            return reader.Read() ? new PriorQueryWork(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetInt32(3)) : null;
        }, cancellationToken);
    }

    public Task FinishPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        FinishAsync("prior_queries", studyInstanceUid, now, error, retryAt, cancellationToken);

    public Task FinishPriorFetchAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        FinishAsync("prior_fetches", studyInstanceUid, now, error, retryAt, cancellationToken);

    private Task FinishAsync(string table, string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        var state = error is null ? "done" : retryAt is null ? "failed" : "pending";
        return _writes.RunAsync(context =>
        {
            var command = context.Command($"""
                UPDATE {table} SET state = $state, leased_until = NULL, last_error = $error,
                    next_attempt_at = coalesce($retry, next_attempt_at), completed_at = CASE WHEN $state = 'pending' THEN NULL ELSE $now END
                WHERE study_instance_uid = $study
                """).With("$state", state).With("$error", Truncate(error)).With("$retry", retryAt is { } r ? UnixMicroseconds.From(r) : null)
                .With("$now", UnixMicroseconds.From(now)).With("$study", studyInstanceUid);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<int> AddPriorFetchesAsync(IReadOnlyList<PriorFetchRequest> fetches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        if (fetches.Count == 0) return Task.FromResult(0);
        return _writes.RunAsync(context =>
        {
            var added = 0;
            foreach (var fetch in fetches)
            {
                var command = context.Command("""
                    INSERT INTO prior_fetches (study_instance_uid, patient_id, source, study_date, expected_instances, state, next_attempt_at, created_at)
                    VALUES ($study, $patient, $source, $date, $expected, 'pending', $now, $now)
                    ON CONFLICT (study_instance_uid) DO NOTHING
                    """).With("$study", fetch.StudyInstanceUid).With("$patient", fetch.PatientId).With("$source", fetch.Source)
                    .With("$date", fetch.StudyDate).With("$expected", fetch.ExpectedInstances).With("$now", UnixMicroseconds.From(now));
                added += command.ExecuteNonQuery();
            }
            return added;
        }, cancellationToken);
    }

    public Task<PriorFetchWork?> LeasePriorFetchAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                UPDATE prior_fetches SET leased_until = $until, attempts = attempts + 1
                WHERE study_instance_uid = (SELECT study_instance_uid FROM prior_fetches
                    WHERE state = 'pending' AND next_attempt_at <= $now AND (leased_until IS NULL OR leased_until <= $now)
                    ORDER BY next_attempt_at, study_instance_uid LIMIT 1)
                RETURNING study_instance_uid, patient_id, source, expected_instances, attempts
                """).With("$until", UnixMicroseconds.From(now + lease)).With("$now", UnixMicroseconds.From(now));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new PriorFetchWork(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableInt32(3), reader.GetInt32(4))
                : null;
        }, cancellationToken);
    }

    public async Task<PriorCandidateState> GetCandidateStateAsync(string patientId, IReadOnlyCollection<string> studyInstanceUids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(studyInstanceUids);
        var list = JsonSerializer.Serialize(studyInstanceUids);
        await using var connection = OpenReadConnection();
        await using var count = connection.Command(null, "SELECT count(*) FROM prior_fetches WHERE patient_id = $patient").With("$patient", patientId);
        var fetches = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

        var tracked = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = connection.Command(null,
            "SELECT study_instance_uid FROM prior_fetches WHERE study_instance_uid IN (SELECT value FROM json_each($uids))").With("$uids", list))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) tracked.Add(reader.GetString(0));
        }

        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var select = connection.Command(null, """
            SELECT se.study_instance_uid, count(*) FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid
            WHERE se.study_instance_uid IN (SELECT value FROM json_each($uids)) GROUP BY se.study_instance_uid
            """).With("$uids", list))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) held[reader.GetString(0)] = reader.GetInt32(1);
        }
        return new PriorCandidateState(fetches, tracked, held);
    }

    public async Task<DateTimeOffset?> NextPriorWorkAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, """
            SELECT min(t) FROM (
                SELECT min(max(next_attempt_at, coalesce(leased_until, 0))) AS t FROM prior_queries WHERE state = 'pending'
                UNION ALL
                SELECT min(max(next_attempt_at, coalesce(leased_until, 0))) FROM prior_fetches WHERE state = 'pending')
            """);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long microseconds ? UnixMicroseconds.ToInstant(microseconds) : null;
    }

    public Task<PriorWorkStatus?> GetPriorQueryAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        GetStatusAsync("SELECT study_instance_uid, patient_id, state, attempts, next_attempt_at, last_error, NULL FROM prior_queries WHERE study_instance_uid = $study",
            studyInstanceUid, cancellationToken);

    public Task<PriorWorkStatus?> GetPriorFetchAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        GetStatusAsync("SELECT study_instance_uid, patient_id, state, attempts, next_attempt_at, last_error, source FROM prior_fetches WHERE study_instance_uid = $study",
            studyInstanceUid, cancellationToken);

    private async Task<PriorWorkStatus?> GetStatusAsync(string sql, string studyInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studyInstanceUid);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, sql).With("$study", studyInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new PriorWorkStatus(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
            UnixMicroseconds.ToInstant(reader.GetInt64(4)), reader.GetNullableString(5), reader.GetNullableString(6));
    }

    internal static string? Truncate(string? error) => error is { Length: > MaximumErrorLength } ? error[..MaximumErrorLength] : error;
}
