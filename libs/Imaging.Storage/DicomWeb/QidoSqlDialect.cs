namespace Imaging.Storage.DicomWeb;

/// <summary>What differs between SQLite and PostgreSQL in the QIDO-RS SQL; everything else is shared by <see cref="QidoSql"/>.</summary>
internal sealed class QidoSqlDialect
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>SQLite: built-in upper() folds ASCII letters only (no ICU), GLOB matches case-sensitively with the same
    /// <c>*</c> and <c>?</c> as DICOM.</summary>
    public static readonly QidoSqlDialect Sqlite = new(
        fold: column => $"upper({column})",
        wildcard: (expression, parameter) => $"{expression} GLOB {parameter}",
        toPattern: ToGlob,
        contains: (haystack, parameter) => $"instr({haystack}, {parameter}) > 0",
        modalities: "group_concat(DISTINCT m.modality)");

    /// <summary>PostgreSQL: translate() folds exactly the ASCII letters SQLite's upper() folds, so both stores match the
    /// same names; the "C" collation makes the folded name byte-ordered (the 0003 index, prefix ranges, LIKE).</summary>
    public static readonly QidoSqlDialect Postgres = new(
        fold: column => $"(translate({column}, '{Lower}', '{Upper}') COLLATE \"C\")",
        wildcard: (expression, parameter) => $"{expression} LIKE {parameter}",
        toPattern: ToLike,
        contains: (haystack, parameter) => $"strpos({haystack}, {parameter}) > 0",
        modalities: "string_agg(DISTINCT m.modality, ',')");

    private QidoSqlDialect(Func<string, string> fold, Func<string, string, string> wildcard, Func<string, string> toPattern,
        Func<string, string, string> contains, string modalities)
    {
        Fold = fold;
        Wildcard = wildcard;
        ToPattern = toPattern;
        Contains = contains;
        Modalities = modalities;
    }

    /// <summary>The case-folded form of a person name column, as indexed by migration 0003.</summary>
    public Func<string, string> Fold { get; }

    /// <summary>A predicate: expression matches the pattern parameter (made by <see cref="ToPattern"/>).</summary>
    public Func<string, string, string> Wildcard { get; }

    /// <summary>A DICOM wildcard value (<c>*</c>, <c>?</c>) as this dialect's pattern, every other character literal.</summary>
    public Func<string, string> ToPattern { get; }

    /// <summary>A predicate: haystack contains the parameter as a substring.</summary>
    public Func<string, string, string> Contains { get; }

    /// <summary>Aggregate of the distinct modalities of rows <c>m</c> of series, comma-separated.</summary>
    public string Modalities { get; }

    private static string ToGlob(string value) => value.Replace("[", "[[]", StringComparison.Ordinal);

    private static string ToLike(string value)
    {
        var pattern = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '%' or '_':
                    pattern.Append('\\').Append(c);
                    break;
                case '*':
                    pattern.Append('%');
                    break;
                case '?':
                    pattern.Append('_');
                    break;
                default:
                    pattern.Append(c);
                    break;
            }
        }
        return pattern.ToString();
    }
}
