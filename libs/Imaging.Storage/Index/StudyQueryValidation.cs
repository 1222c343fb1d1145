namespace Imaging.Storage;

/// <summary>What both stores check and shape the same way around a study query.</summary>
internal static class StudyQueryValidation
{
    /// <summary>A page is at most this many studies: the API lists, it does not export.</summary>
    public const int MaximumLimit = 1000;

    public static void Validate(StudyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaximumLimit, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));
    }

    /// <summary>The modalities of a study, aggregated by the database with commas (a character code strings never hold), sorted.</summary>
    public static IReadOnlyList<string> SplitModalities(string? aggregated) =>
        aggregated is null ? [] : [.. aggregated.Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
