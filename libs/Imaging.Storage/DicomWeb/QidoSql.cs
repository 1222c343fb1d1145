using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Imaging.Storage.DicomWeb;

/// <summary>The QIDO-RS searches as SQL shared by both stores (a <see cref="QidoSqlDialect"/> supplies the differences),
/// and the reading of their rows.</summary>
/// <remarks>The page is chosen first in a subquery that touches only the matching keys and sort columns, and the counts
/// and modalities are computed for the rows of that page alone, so a search over many studies costs one index walk plus
/// a constant amount per returned row.</remarks>
internal static class QidoSql
{
    private const string StudyColumns =
        "st.study_instance_uid, st.study_date, st.study_time, st.study_description, st.accession_number, st.study_id, " +
        "p.patient_id, p.patient_name, p.birth_date, p.sex";

    private const string SeriesColumns = "se.series_instance_uid, se.modality, se.series_number, se.series_description, se.body_part_examined";

    private const string StudyOrder = "st.study_date DESC NULLS LAST, st.study_time DESC NULLS LAST, st.study_instance_uid";
    private const string SeriesOrder = StudyOrder + ", se.series_number ASC NULLS LAST, se.series_instance_uid";
    private const string InstanceOrder = SeriesOrder + ", i.instance_number ASC NULLS LAST, i.sop_instance_uid";

    /// <summary>Column, and how it compares: person names fold case; binary columns also allow a prefix range.</summary>
    private readonly record struct Column(string Expression, bool PersonName = false, bool Integer = false, bool Binary = true);

    public static void Validate(QidoQuery query, QidoLevel level)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Level != level) throw new ArgumentException($"The query is for level {query.Level}, not {level}.", nameof(query));
        if (query.Limit is < 1 or > QidoQuery.MaximumLimit) throw new ArgumentException($"Limit must be 1..{QidoQuery.MaximumLimit}.", nameof(query));
        if (query.Offset < 0) throw new ArgumentException("Offset must not be negative.", nameof(query));
        if (query.Conditions.Count > QidoQuery.MaximumValues) throw new ArgumentException("Too many conditions.", nameof(query));
        foreach (var condition in query.Conditions)
        {
            if (LevelOf(condition.Attribute) > level)
                throw new ArgumentException($"{condition.Attribute} is not an attribute of level {level} or above.", nameof(query));
            var expected = condition.Kind switch
            {
                QidoMatchKind.Single or QidoMatchKind.Wildcard => condition.Values.Count == 1,
                QidoMatchKind.Range => condition.Values.Count == 2,
                _ => condition.Values.Count is >= 1 and <= QidoQuery.MaximumValues,
            };
            if (!expected) throw new ArgumentException($"{condition.Kind} matching of {condition.Attribute} has {condition.Values.Count} values.", nameof(query));
            if (condition.Values.Any(v => v is null || v.Length > QidoQuery.MaximumValueLength))
                throw new ArgumentException($"A value of {condition.Attribute} is null or longer than {QidoQuery.MaximumValueLength}.", nameof(query));
            var column = ColumnOf(condition.Attribute);
            if (column.Integer && condition.Kind is not (QidoMatchKind.Single or QidoMatchKind.List))
                throw new ArgumentException($"{condition.Attribute} supports single value and list matching only.", nameof(query));
            if (column.Integer && condition.Values.Any(v => !int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                throw new ArgumentException($"{condition.Attribute} values must be integers.", nameof(query));
            if (condition.Kind == QidoMatchKind.Fuzzy && !column.PersonName)
                throw new ArgumentException($"Fuzzy matching applies to person names, not {condition.Attribute}.", nameof(query));
        }
    }

    /// <summary>The level an attribute belongs to: it may be matched at that level and below.</summary>
    public static QidoLevel LevelOf(QidoAttribute attribute) => attribute switch
    {
        QidoAttribute.SeriesInstanceUid or QidoAttribute.Modality or QidoAttribute.SeriesNumber or QidoAttribute.SeriesDescription
            or QidoAttribute.BodyPartExamined => QidoLevel.Series,
        QidoAttribute.SopInstanceUid or QidoAttribute.SopClassUid or QidoAttribute.InstanceNumber => QidoLevel.Instance,
        _ => QidoLevel.Study,
    };

    private static Column ColumnOf(QidoAttribute attribute) => attribute switch
    {
        QidoAttribute.PatientName => new("p.patient_name", PersonName: true),
        QidoAttribute.PatientId => new("p.patient_id"),
        QidoAttribute.PatientBirthDate => new("p.birth_date"),
        QidoAttribute.PatientSex => new("p.sex"),
        QidoAttribute.StudyInstanceUid => new("st.study_instance_uid"),
        QidoAttribute.StudyDate => new("st.study_date"),
        QidoAttribute.StudyTime => new("st.study_time"),
        QidoAttribute.AccessionNumber => new("st.accession_number"),
        QidoAttribute.StudyId => new("st.study_id"),
        QidoAttribute.StudyDescription => new("st.study_description", Binary: false),
        QidoAttribute.ModalitiesInStudy => new("m.modality"),
        QidoAttribute.SeriesInstanceUid => new("se.series_instance_uid"),
        QidoAttribute.Modality => new("se.modality"),
        QidoAttribute.SeriesNumber => new("se.series_number", Integer: true),
        QidoAttribute.SeriesDescription => new("se.series_description", Binary: false),
        QidoAttribute.BodyPartExamined => new("se.body_part_examined"),
        QidoAttribute.SopInstanceUid => new("i.sop_instance_uid"),
        QidoAttribute.SopClassUid => new("i.sop_class_uid"),
        QidoAttribute.InstanceNumber => new("i.instance_number", Integer: true),
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, null),
    };

    /// <summary>The search as one statement with its parameters (named <c>@pN</c>, which both providers accept).</summary>
    public static DbCommand Build(DbCommand command, QidoQuery query, QidoSqlDialect dialect)
    {
        var parameters = new Parameters(command);
        // The page walks the sort index alone unless a condition needs the patient row (every study has one).
        var needsPatient = query.Conditions.Any(c => c.Attribute is QidoAttribute.PatientName or QidoAttribute.PatientId
            or QidoAttribute.PatientBirthDate or QidoAttribute.PatientSex);
        var from = query.Level switch
        {
            QidoLevel.Study => needsPatient ? "studies st JOIN patients p ON p.patient_id = st.patient_id" : "studies st",
            QidoLevel.Series => "series se JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id",
            _ => "instances i JOIN series se ON se.series_instance_uid = i.series_instance_uid " +
                 "JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id",
        };
        var (key, order) = query.Level switch
        {
            QidoLevel.Study => ("st.study_instance_uid", StudyOrder),
            QidoLevel.Series => ("se.series_instance_uid", SeriesOrder),
            _ => ("i.sop_instance_uid", InstanceOrder),
        };
        var where = new StringBuilder("1 = 1");
        foreach (var condition in query.Conditions) where.Append(" AND ").Append(Predicate(condition, dialect, parameters));

        var limit = parameters.Add(query.Limit + 1);
        var offset = parameters.Add(query.Offset);
        var page = $"SELECT {key} AS k FROM {from} WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}";
        var sql = query.Level switch
        {
            QidoLevel.Study => $"""
                SELECT {StudyColumns},
                  (SELECT {dialect.Modalities} FROM series m WHERE m.study_instance_uid = st.study_instance_uid),
                  (SELECT count(*) FROM series c WHERE c.study_instance_uid = st.study_instance_uid),
                  (SELECT count(*) FROM series c JOIN instances ci ON ci.series_instance_uid = c.series_instance_uid
                   WHERE c.study_instance_uid = st.study_instance_uid)
                FROM ({page}) pg JOIN studies st ON st.study_instance_uid = pg.k JOIN patients p ON p.patient_id = st.patient_id
                ORDER BY {order}
                """,
            QidoLevel.Series => $"""
                SELECT {StudyColumns}, {SeriesColumns},
                  (SELECT count(*) FROM instances ci WHERE ci.series_instance_uid = se.series_instance_uid)
                FROM ({page}) pg JOIN series se ON se.series_instance_uid = pg.k
                  JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id
                ORDER BY {order}
                """,
            _ => $"""
                SELECT {StudyColumns}, {SeriesColumns}, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.transfer_syntax_uid
                FROM ({page}) pg JOIN instances i ON i.sop_instance_uid = pg.k JOIN series se ON se.series_instance_uid = i.series_instance_uid
                  JOIN studies st ON st.study_instance_uid = se.study_instance_uid JOIN patients p ON p.patient_id = st.patient_id
                ORDER BY {order}
                """,
        };
        command.CommandText = sql;
        return command;
    }

    private static string Predicate(QidoCondition condition, QidoSqlDialect dialect, Parameters parameters)
    {
        var column = ColumnOf(condition.Attribute);
        var expression = column.PersonName ? dialect.Fold(column.Expression) : column.Expression;
        string Value(string value) => column.PersonName ? FoldAscii(value) : value;
        object Typed(string value) => column.Integer ? int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : Value(value);

        var predicate = condition.Kind switch
        {
            QidoMatchKind.Single => $"{expression} = {parameters.Add(Typed(condition.Values[0]))}",
            QidoMatchKind.List => $"{expression} IN ({string.Join(", ", condition.Values.Select(v => parameters.Add(Typed(v))))})",
            QidoMatchKind.Wildcard => WildcardPredicate(expression, Value(condition.Values[0]), column, dialect, parameters),
            QidoMatchKind.Range => RangePredicate(expression, condition.Values[0], condition.Values[1], parameters),
            QidoMatchKind.Fuzzy => FuzzyPredicate(expression, condition.Values, dialect, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, null),
        };
        // A study matches on the modality of any of its series; the other attributes are columns of the joined rows.
        return condition.Attribute == QidoAttribute.ModalitiesInStudy
            ? $"EXISTS (SELECT 1 FROM series m WHERE m.study_instance_uid = st.study_instance_uid AND {predicate})"
            : predicate;
    }

    private static string WildcardPredicate(string expression, string value, Column column, QidoSqlDialect dialect, Parameters parameters)
    {
        var predicate = dialect.Wildcard(expression, parameters.Add(dialect.ToPattern(value)));
        // A literal ASCII prefix bounds the match to an index range on byte-ordered columns (GLOB and LIKE on an
        // expression cannot use the index by themselves).
        var prefixLength = value.AsSpan().IndexOfAny('*', '?');
        if (prefixLength < 0) prefixLength = value.Length;
        var prefix = value[..prefixLength];
        if (!column.Binary || prefix.Length == 0 || !prefix.All(c => c is > ' ' and < '~')) return predicate;
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return $"{expression} >= {parameters.Add(prefix)} AND {expression} < {parameters.Add(upper)} AND {predicate}";
    }

    private static string RangePredicate(string expression, string low, string high, Parameters parameters)
    {
        var parts = new List<string>(2);
        if (low.Length > 0) parts.Add($"{expression} >= {parameters.Add(low)}");
        if (high.Length > 0) parts.Add($"{expression} <= {parameters.Add(high)}");
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    private static string FuzzyPredicate(string folded, IReadOnlyList<string> words, QidoSqlDialect dialect, Parameters parameters)
    {
        // Components of a PN are separated by ^ (and groups by =); a leading space lets " WORD" find a component start.
        var haystack = $"(' ' || replace(replace({folded}, '^', ' '), '=', ' '))";
        return string.Join(" AND ", words.Select(w => dialect.Contains(haystack, parameters.Add(" " + FoldAscii(w)))));
    }

    /// <summary>ASCII letters upper-cased, everything else unchanged: the same folding the SQL applies to stored names.</summary>
    public static string FoldAscii(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = source[i] is >= 'a' and <= 'z' ? (char)(source[i] - 32) : source[i];
    });

    // ---- reading -----------------------------------------------------------------------------------------------------

    public static async Task<QidoPage<T>> ReadAsync<T>(DbCommand command, int limit, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>(Math.Min(limit, 256));
        var more = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(read(reader));
        }
        return new QidoPage<T>(items, more);
    }

    public static QidoStudyMatch ReadStudy(DbDataReader reader)
    {
        var modalities = String(reader, 10);
        IReadOnlyList<string> list = modalities is null ? [] : [.. modalities.Split(',').Order(StringComparer.Ordinal)];
        return new QidoStudyMatch(ReadStudyAttributes(reader), list, (int)reader.GetInt64(11), (int)reader.GetInt64(12));
    }

    public static QidoSeriesMatch ReadSeries(DbDataReader reader) =>
        new(ReadStudyAttributes(reader), ReadSeriesAttributes(reader), (int)reader.GetInt64(15));

    public static QidoInstanceMatch ReadInstance(DbDataReader reader) =>
        new(ReadStudyAttributes(reader), ReadSeriesAttributes(reader), reader.GetString(15), reader.GetString(16), Int(reader, 17), reader.GetString(18));

    private static QidoStudyAttributes ReadStudyAttributes(DbDataReader reader) => new(
        reader.GetString(0), String(reader, 1), String(reader, 2), String(reader, 3), String(reader, 4), String(reader, 5),
        reader.GetString(6), String(reader, 7), String(reader, 8), String(reader, 9));

    private static QidoSeriesAttributes ReadSeriesAttributes(DbDataReader reader) =>
        new(reader.GetString(10), reader.GetString(11), Int(reader, 12), String(reader, 13), String(reader, 14));

    private static string? String(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>Adds parameters named @p0, @p1, ... to the command.</summary>
    private sealed class Parameters(DbCommand command)
    {
        private int _count;

        public string Add(object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{_count++}";
            parameter.Value = value;
            command.Parameters.Add(parameter);
            return "@" + parameter.ParameterName;
        }
    }
}
