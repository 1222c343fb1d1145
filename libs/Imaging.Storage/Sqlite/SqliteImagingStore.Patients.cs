using System.Globalization;
using System.Text;
using Imaging.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Imaging.Storage;

/// <summary>The workspace's read side on SQLite: patient search (PN wildcards by GLOB on the upper-cased name, fuzzy
/// words by word-start search), timelines, and finding searches reading the findings JSON with json_extract.</summary>
public sealed partial class SqliteImagingStore : IPatientQueries
{
    /// <summary>The name with component and group separators as blanks, led by a blank: a word starts a component
    /// exactly where " WORD" occurs in it.</summary>
    private const string NameWords = "(' ' || replace(replace(p.name_key, '^', ' '), '=', ' '))";

    /// <summary>Only the newest document per series and analyzer (a re-analysis with a new analyzer version replaces it).</summary>
    private const string LatestFindings = """
        NOT EXISTS (SELECT 1 FROM findings g WHERE g.series_instance_uid = f.series_instance_uid AND g.analyzer = f.analyzer
                    AND (g.produced_at > f.produced_at OR (g.produced_at = f.produced_at AND g.analyzer_version > f.analyzer_version)))
        """;

    private const string PatientColumns = """
        p.patient_id, p.patient_name, p.birth_date, p.sex,
        (SELECT count(*) FROM studies s WHERE s.patient_id = p.patient_id),
        (SELECT max(s.study_date) FROM studies s WHERE s.patient_id = p.patient_id)
        """;

    public async Task<PatientPage> SearchPatientsAsync(PatientSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        var where = new StringBuilder("1 = 1");
        if (search.PatientId is not null)
        {
            where.Append(" AND p.patient_id = $patient");
            command.With("$patient", search.PatientId);
        }
        if (search.Query is not null)
        {
            where.Append(" AND (substr(p.patient_id, 1, length($q)) = $q");
            command.With("$q", search.Query);
            var words = PersonNamePattern.FuzzyWords(search.Query);
            if (words.Count > 0) where.Append(" OR (").Append(WordConditions(command, words, "q")).Append(')');
            where.Append(')');
        }
        if (search.NamePattern is not null)
        {
            if (search.NameFuzzy)
            {
                var words = PersonNamePattern.FuzzyWords(search.NamePattern);
                if (words.Count > 0) where.Append(" AND ").Append(WordConditions(command, words, "n"));
            }
            else
            {
                where.Append(" AND p.name_key GLOB upper($name)");
                command.With("$name", PersonNamePattern.ToGlob(search.NamePattern));
            }
        }
        // DA text sorts like the date it names, so a range is a text comparison.
        if (search.BirthDateFrom is not null)
        {
            where.Append(" AND p.birth_date >= $bfrom");
            command.With("$bfrom", search.BirthDateFrom);
        }
        if (search.BirthDateTo is not null)
        {
            where.Append(" AND p.birth_date <= $bto");
            command.With("$bto", search.BirthDateTo);
        }
        command.With("$limit", search.Limit).With("$offset", search.Offset);
        // The page is cut first (with the total as a window count over every match, one pass), and only its rows get
        // the per-patient study count and latest date.
        command.CommandText = $"""
            SELECT {PatientColumns}, page.total
            FROM (SELECT p.patient_id, count(*) OVER () AS total FROM patients p WHERE {where}
                  ORDER BY p.name_key IS NULL, p.name_key, p.patient_id LIMIT $limit OFFSET $offset) page
            JOIN patients p ON p.patient_id = page.patient_id
            ORDER BY p.name_key IS NULL, p.name_key, p.patient_id
            """;
        var items = new List<PatientSummary>();
        long? total = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(ReadPatient(reader));
                total = reader.GetInt64(6);
            }
        }
        // A page past the end has no row to carry the total.
        if (total is null && search.Offset > 0)
        {
            command.CommandText = $"SELECT count(*) FROM patients p WHERE {where}";
            total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return new PatientPage(items, checked((int)(total ?? 0)));
    }

    /// <summary>Each word must start a name component; upper() on both sides so the fold is the database's own.</summary>
    private static string WordConditions(SqliteCommand command, IReadOnlyList<string> words, string prefix)
    {
        var conditions = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var name = $"${prefix}w{i}";
            command.With(name, words[i]);
            conditions.Add($"instr({NameWords}, ' ' || upper({name})) > 0");
        }
        return string.Join(" AND ", conditions);
    }

    public async Task<PatientSummary?> GetPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"SELECT {PatientColumns} FROM patients p WHERE p.patient_id = $patient")
            .With("$patient", patientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPatient(reader) : null;
    }

    public async Task<IReadOnlyList<PatientStudy>> GetPatientStudiesAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"""
            SELECT st.study_instance_uid, st.study_date, st.study_time, st.study_description, st.accession_number
            FROM studies st WHERE st.patient_id = $patient
            ORDER BY st.study_date IS NULL, st.study_date, st.study_time IS NULL, st.study_time, st.study_instance_uid;
            SELECT se.study_instance_uid, se.series_instance_uid, se.modality, se.series_number, se.series_description,
                   (SELECT count(*) FROM instances i WHERE i.series_instance_uid = se.series_instance_uid), se.state
            FROM series se JOIN studies st ON st.study_instance_uid = se.study_instance_uid WHERE st.patient_id = $patient
            ORDER BY se.series_number IS NULL, se.series_number, se.series_instance_uid;
            SELECT f.series_instance_uid, f.analyzer, f.analyzer_version, f.produced_at, {SummaryColumns}
            FROM findings f JOIN series se ON se.series_instance_uid = f.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid
            WHERE st.patient_id = $patient AND {LatestFindings}
            ORDER BY f.analyzer, f.analyzer_version;
            """).With("$patient", patientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var studies = new List<(string Uid, string? Date, string? Time, string? Description, string? Accession)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            studies.Add((reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4)));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var series = new List<(string Study, string Uid, string Modality, int? Number, string? Description, int Count, string State)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            series.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableInt32(3), reader.GetNullableString(4),
                reader.GetInt32(5), reader.GetString(6)));
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var findings = new Dictionary<string, List<FindingsSummary>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var summary = new FindingsSummary(reader.GetString(1), reader.GetString(2), UnixMicroseconds.ToInstant(reader.GetInt64(3)),
                reader.GetNullableInt32(4), reader.GetNullableInt32(5), reader.GetNullableString(6), reader.GetNullableInt32(7),
                reader.GetNullableInt32(8), reader.GetNullableInt32(9), FlaggedLevelsJson.Parse(reader.GetNullableString(10)),
                reader.GetNullableString(11), reader.GetNullableString(12), reader.GetNullableString(13));
            var key = reader.GetString(0);
            if (!findings.TryGetValue(key, out var list)) findings[key] = list = [];
            list.Add(summary);
        }
        return [.. studies.Select(st => new PatientStudy(st.Uid, st.Date, st.Time, st.Description, st.Accession,
            [.. series.Where(se => se.Study == st.Uid).Select(se => new PatientSeries(se.Uid, se.Modality, se.Number, se.Description, se.Count, se.State,
                findings.TryGetValue(se.Uid, out var f) ? f : []))]))];
    }

    public async Task<IReadOnlyList<StoredInstance>> GetSeriesInstancesAsync(string seriesInstanceUid, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, """
            SELECT se.study_instance_uid, i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.blob_key, i.received_at
            FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid WHERE i.series_instance_uid = $series
            ORDER BY i.instance_number IS NULL, i.instance_number, i.sop_instance_uid LIMIT $limit
            """).With("$series", seriesInstanceUid).With("$limit", limit);
        return await ReadInstancesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredInstance>> FindInstancesBySeriesDescriptionAsync(string patientId, IReadOnlyList<string> studyInstanceUids,
        string seriesDescription, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(studyInstanceUids);
        ArgumentNullException.ThrowIfNull(seriesDescription);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (studyInstanceUids.Count == 0) return [];
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        var names = new List<string>();
        for (var i = 0; i < studyInstanceUids.Count; i++)
        {
            names.Add($"$study{i}");
            command.With($"$study{i}", studyInstanceUids[i]);
        }
        command.CommandText = $"""
            SELECT se.study_instance_uid, i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.blob_key, i.received_at
            FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid
            WHERE st.patient_id = $patient AND se.study_instance_uid IN ({string.Join(", ", names)}) AND se.series_description = $description
            ORDER BY i.received_at DESC, i.sop_instance_uid LIMIT $limit
            """;
        command.With("$patient", patientId).With("$description", seriesDescription).With("$limit", limit);
        return await ReadInstancesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FindingSearchPage> SearchFindingsAsync(FindingSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, "");
        var where = new StringBuilder(LatestFindings);
        if (search.Analyzer is not null)
        {
            where.Append(" AND f.analyzer = $analyzer");
            command.With("$analyzer", search.Analyzer);
        }
        if (search.MinLesionCount is { } min)
        {
            where.Append($" AND {JsonInteger("$.lesionCount")} >= $min");
            command.With("$min", min);
        }
        if (search.MaxLesionCount is { } max)
        {
            where.Append($" AND {JsonInteger("$.lesionCount")} <= $max");
            command.With("$max", max);
        }
        if (search.Level is not null)
        {
            where.Append(" AND json_type(f.payload, '$.flaggedLevels') = 'array'")
                .Append(" AND EXISTS (SELECT 1 FROM json_each(f.payload, '$.flaggedLevels') j WHERE j.value = $level)");
            command.With("$level", search.Level);
        }
        if (search.NewLesionsOnly) where.Append($" AND {JsonInteger("$.comparison.newCount")} > 0");
        if (search.Modality is not null)
        {
            where.Append($" AND (se.modality = $modality OR {JsonText("$.modality")} = $modality)");
            command.With("$modality", search.Modality);
        }
        if (search.From is { } from)
        {
            where.Append(" AND st.study_date >= $from");
            command.With("$from", from.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        if (search.To is { } to)
        {
            where.Append(" AND st.study_date <= $to");
            command.With("$to", to.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        const string From = """
            findings f JOIN series se ON se.series_instance_uid = f.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id
            """;
        command.With("$limit", search.Limit).With("$offset", search.Offset);
        // One pass: the total is a window count over every match, taken before the page is cut.
        command.CommandText = $"""
            SELECT p.patient_id, p.patient_name, st.study_instance_uid, st.study_date,
                   (SELECT min(s.study_date) FROM studies s WHERE s.patient_id = p.patient_id),
                   f.series_instance_uid, f.analyzer, {JsonInteger("$.lesionCount")}, {JsonInteger("$.comparison.newCount")}, {JsonArray("$.flaggedLevels")},
                   count(*) OVER ()
            FROM {From} WHERE {where}
            ORDER BY st.study_date IS NULL, st.study_date DESC, f.series_instance_uid, f.analyzer LIMIT $limit OFFSET $offset
            """;
        var items = new List<FindingMatch>();
        long? total = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new FindingMatch(reader.GetString(0), reader.GetNullableString(1), reader.GetString(2), reader.GetNullableString(3),
                    reader.GetNullableString(4), reader.GetString(5), reader.GetString(6), reader.GetNullableInt32(7), reader.GetNullableInt32(8),
                    FlaggedLevelsJson.Parse(reader.GetNullableString(9)) ?? []));
                total = reader.GetInt64(10);
            }
        }
        // A page past the end has no row to carry the total.
        if (total is null && search.Offset > 0)
        {
            command.CommandText = $"SELECT count(*) FROM {From} WHERE {where}";
            total = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return new FindingSearchPage(items, checked((int)(total ?? 0)));
    }

    /// <summary>The summary values of a findings document: lesionCount, extentOfDiseaseGrade, status, comparison counts,
    /// flaggedLevels (JSON text), labelConfidence, modality, comparison.priorStudyInstanceUid.</summary>
    private static readonly string SummaryColumns = string.Join(", ",
        JsonInteger("$.lesionCount"), JsonInteger("$.extentOfDiseaseGrade"), JsonText("$.status"), JsonInteger("$.comparison.newCount"),
        JsonInteger("$.comparison.persistentCount"), JsonInteger("$.comparison.resolvedCount"), JsonArray("$.flaggedLevels"),
        JsonText("$.labelConfidence"), JsonText("$.modality"), JsonText("$.comparison.priorStudyInstanceUid"));

    /// <summary>An integer member that fits an int, else NULL: a document with another type there is not an error.</summary>
    private static string JsonInteger(string path) =>
        $"(CASE WHEN typeof(f.payload ->> '{path}') = 'integer' AND abs(f.payload ->> '{path}') <= 2147483647 THEN f.payload ->> '{path}' END)";

    private static string JsonText(string path) => $"(CASE WHEN typeof(f.payload ->> '{path}') = 'text' THEN f.payload ->> '{path}' END)";

    private static string JsonArray(string path) => $"(CASE WHEN json_type(f.payload, '{path}') = 'array' THEN json_extract(f.payload, '{path}') END)";

    private static PatientSummary ReadPatient(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetInt32(4),
        reader.GetNullableString(5));

    private static async Task<IReadOnlyList<StoredInstance>> ReadInstancesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<StoredInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(new StoredInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetNullableInt32(4), reader.GetString(5), UnixMicroseconds.ToInstant(reader.GetInt64(6))));
        }
        return instances;
    }
}
