using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The research export's cohort queries on SQLite: lists arrive as one JSON parameter (json_each), findings
/// criteria read the newest documents with the same JSON expressions as the workspace's finding search.</summary>
public sealed partial class SqliteImagingStore : IExportQueries
{
    private const string CohortFrom = "studies st JOIN series se ON se.study_instance_uid = st.study_instance_uid";

    public async Task<ExportCohortSize> MeasureCohortAsync(ExportCohort cohort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cohort.Validate();
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        command.CommandText = $"""
            SELECT count(DISTINCT st.patient_id), count(DISTINCT st.study_instance_uid), count(DISTINCT se.series_instance_uid),
                   count(*), coalesce(sum(i.size_bytes), 0)
            FROM {CohortFrom} JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command, cohort)}
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ExportCohortSize(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4));
    }

    public async IAsyncEnumerable<ExportInstance> StreamCohortInstancesAsync(ExportCohort cohort,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cohort.Validate();
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        command.CommandText = $"""
            SELECT st.patient_id, st.study_instance_uid, st.study_date, se.series_instance_uid, se.modality,
                   i.sop_instance_uid, i.sop_class_uid, i.blob_key, i.size_bytes
            FROM {CohortFrom} JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command, cohort)}
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
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        command.CommandText = $"""
            SELECT st.patient_id, st.study_instance_uid, st.study_date, se.series_instance_uid, se.modality, f.analyzer, f.analyzer_version, f.payload
            FROM {CohortFrom} JOIN findings f ON f.series_instance_uid = se.series_instance_uid
            WHERE {CohortWhere(command, cohort)} AND {LatestFindings}
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
    /// parameters added to <paramref name="command"/>.</summary>
    private static string CohortWhere(SqliteCommand command, ExportCohort cohort)
    {
        var where = new StringBuilder("1 = 1");
        if (cohort.PatientIds.Count > 0)
        {
            where.Append(" AND st.patient_id IN (SELECT value FROM json_each($export_patients))");
            command.With("$export_patients", JsonSerializer.Serialize(cohort.PatientIds.Distinct(StringComparer.Ordinal).ToArray()));
        }
        if (cohort.Modalities.Count > 0)
        {
            where.Append(" AND se.modality IN (SELECT value FROM json_each($export_modalities))");
            command.With("$export_modalities", JsonSerializer.Serialize(cohort.Modalities.Distinct(StringComparer.Ordinal).ToArray()));
        }
        if (cohort.StudyDateFrom is { } from)
        {
            where.Append(" AND st.study_date >= $export_from");
            command.With("$export_from", ExportCohort.Da(from));
        }
        if (cohort.StudyDateTo is { } to)
        {
            where.Append(" AND st.study_date <= $export_to");
            command.With("$export_to", ExportCohort.Da(to));
        }
        if (cohort.MinimumLesionCount is { } minimum)
        {
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.BoneScanAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND {JsonInteger("$.lesionCount")} >= $export_lesions)
                """);
            command.With("$export_lesions", minimum);
        }
        if (cohort.FlaggedLevel is not null)
        {
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.SpineAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND json_type(f.payload, '$.flaggedLevels') = 'array'
                             AND EXISTS (SELECT 1 FROM json_each(f.payload, '$.flaggedLevels') j WHERE j.value = $export_level))
                """);
            command.With("$export_level", cohort.FlaggedLevel);
        }
        if (cohort.AnyFlaggedLevel)
        {
            where.Append($"""
                 AND EXISTS (SELECT 1 FROM findings f WHERE f.analyzer = '{ExportCohort.SpineAnalyzer}'
                             AND f.study_instance_uid = st.study_instance_uid AND {LatestFindings}
                             AND json_type(f.payload, '$.flaggedLevels') = 'array' AND json_array_length(f.payload, '$.flaggedLevels') > 0)
                """);
        }
        return where.ToString();
    }
}
