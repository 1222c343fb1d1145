namespace Imaging.Storage;

/// <summary>Filters of a patient search, all combined with AND; null means no filter.</summary>
/// <param name="Query">The search box: a patient ID prefix, or words each matching the start of a name component.</param>
/// <param name="NamePattern">DICOM PN matching with <c>*</c> and <c>?</c>, case-insensitive, on the whole name.</param>
/// <param name="NameFuzzy">Treat <paramref name="NamePattern"/> as words, like <paramref name="Query"/> does.</param>
/// <param name="BirthDateFrom">Inclusive DA (yyyyMMdd) bound.</param>
/// <param name="BirthDateTo">Inclusive DA (yyyyMMdd) bound.</param>
public sealed record PatientSearch(
    string? Query = null,
    string? PatientId = null,
    string? NamePattern = null,
    bool NameFuzzy = false,
    string? BirthDateFrom = null,
    string? BirthDateTo = null,
    int Limit = 50,
    int Offset = 0)
{
    /// <summary>Most words a fuzzy name query may hold; more would only slow the scan.</summary>
    public const int MaximumWords = 8;

    /// <summary>Longest text value (a PN component group is at most 64 characters).</summary>
    public const int MaximumTextLength = 64;

    public const int MaximumLimit = 500;

    /// <summary>The words of a fuzzy query: split on blanks, '^', '=' and ','; empty ones dropped.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split([' ', '\t', '^', '=', ','], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Throws when a caller passed values the API validation would have refused.</summary>
    internal void Validate()
    {
        if (Limit is < 1 or > MaximumLimit) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"1 to {MaximumLimit}.");
        if (Offset < 0) throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "Not negative.");
        foreach (var text in (string?[])[Query, PatientId, NamePattern])
        {
            if (text is { Length: > MaximumTextLength }) throw new ArgumentException($"A search value is longer than {MaximumTextLength} characters.");
        }
        if (Query is not null && Words(Query).Count > MaximumWords) throw new ArgumentException($"More than {MaximumWords} words.", nameof(Query));
        if (NameFuzzy && NamePattern is not null && Words(NamePattern).Count > MaximumWords)
            throw new ArgumentException($"More than {MaximumWords} words.", nameof(NamePattern));
    }
}
