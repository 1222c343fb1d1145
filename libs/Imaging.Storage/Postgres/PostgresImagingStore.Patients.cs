using System.Globalization;
using System.Text;
using Imaging.Storage.Postgres;
using Npgsql;

namespace Imaging.Storage;

/// <summary>The workspace's read side on PostgreSQL: patient search (PN wildcards by LIKE on the upper-cased name, fuzzy
/// words by word-start search), timelines, and finding searches reading the findings jsonb.</summary>
public sealed partial class PostgresImagingStore : IPatientQueries
{
    /// <summary>The name with component and group separators as blanks, led by a blank: a word starts a component
    /// exactly where " WORD" occurs in it.</summary>
    private const string NameWords = "(' ' || translate(p.name_key, '^=', '  '))";

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
        await using var batch = _dataSource.CreateBatch();
        var where = new StringBuilder("true");
        var parameters = new List<NpgsqlParameter>();
        void Text(string name, string value) => parameters.Add(new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = value });
        if (search.PatientId is not null)
        {
            where.Append(" AND p.patient_id = @patient");
            Text("patient", search.PatientId);
        }
        if (search.Query is not null)
        {
            where.Append(" AND (left(p.patient_id, length(@q)) = @q");
            Text("q", search.Query);
            var words = PersonNamePattern.FuzzyWords(search.Query);
            if (words.Count > 0) where.Append(" OR (").Append(WordConditions(words, "q", Text)).Append(')');
            where.Append(')');
        }
        if (search.NamePattern is not null)
        {
            if (search.NameFuzzy)
            {
                var words = PersonNamePattern.FuzzyWords(search.NamePattern);
                if (words.Count > 0) where.Append(" AND ").Append(WordConditions(words, "n", Text));
            }
            else
            {
                where.Append(" AND p.name_key LIKE upper(@name) ESCAPE '\\'");
                Text("name", PersonNamePattern.ToLike(search.NamePattern));
            }
        }
        // DA text ("C" collation) sorts like the date it names, so a range is a text comparison.
        if (search.BirthDateFrom is not null)
        {
            where.Append(" AND p.birth_date >= @bfrom");
            Text("bfrom", search.BirthDateFrom);
        }
        if (search.BirthDateTo is not null)
        {
            where.Append(" AND p.birth_date <= @bto");
            Text("bto", search.BirthDateTo);
        }
        // The page is cut first (with the total as a window count over every match, one pass), and only its rows get
        // the per-patient study count and latest date.
        var page = new NpgsqlBatchCommand($"""
            SELECT {PatientColumns}, page.total
            FROM (SELECT p.patient_id, count(*) OVER () AS total FROM patients p WHERE {where}
                  ORDER BY p.name_key IS NULL, p.name_key, p.patient_id LIMIT @limit OFFSET @offset) page
            JOIN patients p ON p.patient_id = page.patient_id
            ORDER BY p.name_key IS NULL, p.name_key, p.patient_id
            """);
        foreach (var parameter in parameters) page.Parameters.Add(parameter.Clone());
        page.Parameters.Integer("limit", search.Limit).Integer("offset", search.Offset);
        batch.BatchCommands.Add(page);
        var items = new List<PatientSummary>();
        long? total = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
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
            await using var count = _dataSource.CreateCommand($"SELECT count(*) FROM patients p WHERE {where}");
            foreach (var parameter in parameters) count.Parameters.Add(parameter.Clone());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return new PatientPage(items, checked((int)(total ?? 0)));
    }

    /// <summary>Each word must start a name component; upper() on both sides so the fold is the database's own.</summary>
    private static string WordConditions(IReadOnlyList<string> words, string prefix, Action<string, string> add)
    {
        var conditions = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var name = $"{prefix}w{i}";
            add(name, words[i]);
            conditions.Add($"strpos({NameWords}, ' ' || upper(@{name})) > 0");
        }
        return string.Join(" AND ", conditions);
    }

    public async Task<PatientSummary?> GetPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var command = _dataSource.CreateCommand($"SELECT {PatientColumns} FROM patients p WHERE p.patient_id = @patient");
        command.Parameters.Text("patient", patientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPatient(reader) : null;
    }

    public async Task<IReadOnlyList<PatientStudy>> GetPatientStudiesAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var batch = _dataSource.CreateBatch();
        foreach (var sql in (string[])[
            """
            SELECT st.study_instance_uid, st.study_date, st.study_time, st.study_description, st.accession_number
            FROM studies st WHERE st.patient_id = @patient
            ORDER BY st.study_date IS NULL, st.study_date, st.study_time IS NULL, st.study_time, st.study_instance_uid
            """,
            """
            SELECT se.study_instance_uid, se.series_instance_uid, se.modality, se.series_number, se.series_description,
                   (SELECT count(*) FROM instances i WHERE i.series_instance_uid = se.series_instance_uid), se.state
            FROM series se JOIN studies st ON st.study_instance_uid = se.study_instance_uid WHERE st.patient_id = @patient
            ORDER BY se.series_number IS NULL, se.series_number, se.series_instance_uid
            """,
            $"""
            SELECT f.series_instance_uid, f.analyzer, f.analyzer_version, f.produced_at, {SummaryColumns}
            FROM findings f JOIN series se ON se.series_instance_uid = f.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid
            WHERE st.patient_id = @patient AND {LatestFindings}
            ORDER BY f.analyzer, f.analyzer_version
            """])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Text("patient", patientId);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var studies = new List<(string Uid, string? Date, string? Time, string? Description, string? Accession)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            studies.Add((reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4)));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var series = new List<(string Study, string Uid, string Modality, int? Number, string? Description, int Count, string State)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            series.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableInt32(3), reader.GetNullableString(4),
                checked((int)reader.GetInt64(5)), reader.GetString(6)));
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var findings = new Dictionary<string, List<FindingsSummary>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var summary = new FindingsSummary(reader.GetString(1), reader.GetString(2), reader.GetInstant(3),
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
        await using var command = _dataSource.CreateCommand("""
            SELECT se.study_instance_uid, i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.blob_key, i.received_at
            FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid WHERE i.series_instance_uid = @series
            ORDER BY i.instance_number IS NULL, i.instance_number, i.sop_instance_uid LIMIT @limit
            """);
        command.Parameters.Text("series", seriesInstanceUid).Integer("limit", limit);
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
        await using var command = _dataSource.CreateCommand("""
            SELECT se.study_instance_uid, i.series_instance_uid, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.blob_key, i.received_at
            FROM instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid
            WHERE st.patient_id = @patient AND se.study_instance_uid = ANY (@studies) AND se.series_description = @description
            ORDER BY i.received_at DESC, i.sop_instance_uid LIMIT @limit
            """);
        command.Parameters.Text("patient", patientId).TextArray("studies", [.. studyInstanceUids]).Text("description", seriesDescription)
            .Integer("limit", limit);
        return await ReadInstancesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FindingSearchPage> SearchFindingsAsync(FindingSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        var where = new StringBuilder(LatestFindings);
        var parameters = new List<NpgsqlParameter>();
        void Add(string name, NpgsqlTypes.NpgsqlDbType type, object value) => parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        if (search.Analyzer is not null)
        {
            where.Append(" AND f.analyzer = @analyzer");
            Add("analyzer", NpgsqlTypes.NpgsqlDbType.Text, search.Analyzer);
        }
        if (search.MinLesionCount is { } min)
        {
            where.Append($" AND {JsonInteger("lesionCount")} >= @min");
            Add("min", NpgsqlTypes.NpgsqlDbType.Integer, min);
        }
        if (search.MaxLesionCount is { } max)
        {
            where.Append($" AND {JsonInteger("lesionCount")} <= @max");
            Add("max", NpgsqlTypes.NpgsqlDbType.Integer, max);
        }
        if (search.Level is not null)
        {
            // Containment on the expression the GIN index of migration 0002 covers.
            where.Append(" AND (f.payload -> 'flaggedLevels') @> jsonb_build_array(@level)");
            Add("level", NpgsqlTypes.NpgsqlDbType.Text, search.Level);
        }
        if (search.NewLesionsOnly) where.Append($" AND {JsonInteger("comparison", "newCount")} > 0");
        if (search.Modality is not null)
        {
            where.Append($" AND (se.modality = @modality OR {JsonText("modality")} = @modality)");
            Add("modality", NpgsqlTypes.NpgsqlDbType.Text, search.Modality);
        }
        if (search.From is { } from)
        {
            where.Append(" AND st.study_date >= @from");
            Add("from", NpgsqlTypes.NpgsqlDbType.Text, from.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        if (search.To is { } to)
        {
            where.Append(" AND st.study_date <= @to");
            Add("to", NpgsqlTypes.NpgsqlDbType.Text, to.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        const string From = """
            findings f JOIN series se ON se.series_instance_uid = f.series_instance_uid
            JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id
            """;
        // One pass: the total is a window count over every match, taken before the page is cut.
        await using var page = _dataSource.CreateCommand($"""
            SELECT p.patient_id, p.patient_name, st.study_instance_uid, st.study_date,
                   (SELECT min(s.study_date) FROM studies s WHERE s.patient_id = p.patient_id),
                   f.series_instance_uid, f.analyzer, {JsonInteger("lesionCount")}, {JsonInteger("comparison", "newCount")}, {JsonArray("flaggedLevels")},
                   count(*) OVER ()
            FROM {From} WHERE {where}
            ORDER BY st.study_date IS NULL, st.study_date DESC, f.series_instance_uid, f.analyzer LIMIT @limit OFFSET @offset
            """);
        foreach (var parameter in parameters) page.Parameters.Add(parameter.Clone());
        page.Parameters.Integer("limit", search.Limit).Integer("offset", search.Offset);
        var items = new List<FindingMatch>();
        long? total = null;
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
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
            await using var count = _dataSource.CreateCommand($"SELECT count(*) FROM {From} WHERE {where}");
            foreach (var parameter in parameters) count.Parameters.Add(parameter.Clone());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return new FindingSearchPage(items, checked((int)(total ?? 0)));
    }

    /// <summary>The summary values of a findings document, in the order the SQLite store reads them.</summary>
    private static readonly string SummaryColumns = string.Join(", ",
        JsonInteger("lesionCount"), JsonInteger("extentOfDiseaseGrade"), JsonText("status"), JsonInteger("comparison", "newCount"),
        JsonInteger("comparison", "persistentCount"), JsonInteger("comparison", "resolvedCount"), JsonArray("flaggedLevels"),
        JsonText("labelConfidence"), JsonText("modality"), JsonText("comparison", "priorStudyInstanceUid"));

    private static string JsonPath(string[] keys) => "f.payload" + string.Concat(keys.Select(k => $" -> '{k}'"));

    /// <summary>A whole-number member that fits an int, else NULL (as SQLite's json_type 'integer' check gives).</summary>
    private static string JsonInteger(params string[] keys)
    {
        var value = JsonPath(keys);
        // Nested CASE: PostgreSQL may evaluate AND operands in any order, and the cast fails on a non-number.
        return $"(CASE WHEN jsonb_typeof({value}) = 'number' THEN (CASE WHEN ({value})::numeric = trunc(({value})::numeric) "
            + $"AND abs(({value})::numeric) <= 2147483647 THEN (({value})::numeric)::integer END) END)";
    }

    private static string JsonText(params string[] keys) => $"(CASE WHEN jsonb_typeof({JsonPath(keys)}) = 'string' THEN ({JsonPath(keys)}) #>> '{{}}' END)";

    private static string JsonArray(params string[] keys) => $"(CASE WHEN jsonb_typeof({JsonPath(keys)}) = 'array' THEN ({JsonPath(keys)})::text END)";

    private static PatientSummary ReadPatient(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3),
        checked((int)reader.GetInt64(4)), reader.GetNullableString(5));

    private static async Task<IReadOnlyList<StoredInstance>> ReadInstancesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<StoredInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(new StoredInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetNullableInt32(4), reader.GetString(5), reader.GetInstant(6)));
        }
        return instances;
    }
}
