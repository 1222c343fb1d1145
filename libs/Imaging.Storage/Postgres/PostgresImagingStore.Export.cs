using System.Runtime.CompilerServices;
using System.Text;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>The research export's cohort queries on PostgreSQL: lists arrive as text[] parameters (= ANY), findings
/// criteria read the newest jsonb documents with the same expressions as the workspace's finding search.</summary>
public sealed partial class PostgresImagingStore : IExportQueries
{
    private const string CohortFrom = "studies st JOIN series se ON se.study_instance_uid = st.study_instance_uid";

    public async Task<ExportCohortSize> MeasureCohortAsync(ExportCohort cohort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cohort.Validate();
        await using var command = _dataSource.CreateCommand();
        command.CommandText = $"""
            SELECT count(DISTINCT st.patient_id), count(DISTINCT st.study_instance_uid), count(DISTINCT se.series_instance_uid),
                   count(*), coalesce(sum(i.size_bytes), 0)::bigint
            FROM {CohortFrom} JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command.Parameters, cohort)}
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ExportCohortSize(checked((int)reader.GetInt64(0)), checked((int)reader.GetInt64(1)), checked((int)reader.GetInt64(2)),
            checked((int)reader.GetInt64(3)), reader.GetInt64(4));
    }

    public async IAsyncEnumerable<ExportInstance> StreamCohortInstancesAsync(ExportCohort cohort,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cohort.Validate();
        await using var command = _dataSource.CreateCommand();
        command.CommandText = $"""
            SELECT st.patient_id, st.study_instance_uid, st.study_date, se.series_instance_uid, se.modality,
                   i.sop_instance_uid, i.sop_class_uid, i.blob_key, i.size_bytes
            FROM {CohortFrom} JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command.Parameters, cohort)}
            ORDER BY st.patient_id, st.study_instance_uid, se.series_instance_uid, i.instance_number IS NULL, i.instance_number, i.sop_instance_uid
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ExportInstance(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetInt64(8));
        }
    }

    public async Task<IReadOnlyList<ExportFindingsDocument>> GetCohortFindingsAsync(ExportCohort cohort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cohort.Validate();
        await using var command = _dataSource.CreateCommand();
        command.CommandText = $"""
            SELECT st.patient_id, st.study_instance_uid, st.study_date, se.series_instance_uid, se.modality, f.analyzer, f.analyzer_version,
                   f.payload::text
            FROM {CohortFrom} JOIN findings f ON f.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command.Parameters, cohort)} AND {LatestFindings}
            ORDER BY st.patient_id, st.study_instance_uid, se.series_instance_uid, f.analyzer
            """;
        var documents = new List<ExportFindingsDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(new ExportFindingsDocument(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }
        return documents;
    }

    /// <summary>The conditions on <c>st</c> (study) and <c>se</c> (series) for <paramref name="cohort"/>, with their
    /// parameters added to <paramref name="parameters"/>.</summary>
    private static string CohortWhere(NpgsqlParameterCollection parameters, ExportCohort cohort)
    {
        var where = new StringBuilder("true");
        if (cohort.PatientIds.Count > 0)
        {
            where.Append(" AND st.patient_id = ANY(@export_patients)");
            parameters.TextArray("export_patients", [.. cohort.PatientIds.Distinct(StringComparer.Ordinal)]);
        }
        if (cohort.Modalities.Count > 0)
        {
            where.Append(" AND se.modality = ANY(@export_modalities)");
            parameters.TextArray("export_modalities", [.. cohort.Modalities.Distinct(StringComparer.Ordinal)]);
        }
        if (cohort.StudyDateFrom is { } from)
        {
            where.Append(" AND st.study_date >= @export_from");
            parameters.Text("export_from", ExportCohort.Da(from));
        }
        if (cohort.StudyDateTo is { } to)
        {
            where.Append(" AND st.study_date <= @export_to");
            parameters.Text("export_to", ExportCohort.Da(to));
        }
        if (cohort.MinimumLesionCount is { } minimum)
        {
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.BoneScanAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND {JsonInteger("lesionCount")} >= @export_lesions)
                """);
            parameters.Integer("export_lesions", minimum);
        }
        if (cohort.FlaggedLevel is not null)
        {
            // Containment on the expression the GIN index of migration 0002 covers.
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.SpineAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND (f.payload -> 'flaggedLevels') @> jsonb_build_array(@export_level::text))
                """);
            parameters.Text("export_level", cohort.FlaggedLevel);
        }
        if (cohort.AnyFlaggedLevel)
        {
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.SpineAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND jsonb_typeof(f.payload -> 'flaggedLevels') = 'array'
                             AND (f.payload -> 'flaggedLevels') <> '[]'::jsonb)
                """);
        }
        return where.ToString();
    }
}
