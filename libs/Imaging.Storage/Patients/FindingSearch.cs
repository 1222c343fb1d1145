namespace Imaging.Storage;

/// <summary>Filters of a search across patients by findings, all combined with AND; null means no filter.</summary>
/// <param name="Level">A vertebral level (e.g. T5) that must be among the document's flagged levels.</param>
/// <param name="NewLesionsOnly">Only documents whose stored comparison counted at least one new lesion.</param>
/// <param name="Modality">The series' modality or the modality the findings name (spine findings on a SEG name CT).</param>
/// <param name="From">Inclusive Study Date bound.</param>
/// <param name="To">Inclusive Study Date bound.</param>
public sealed record FindingSearch(
    string? Analyzer = null,
    int? MinLesionCount = null,
    int? MaxLesionCount = null,
    string? Level = null,
    bool NewLesionsOnly = false,
    string? Modality = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Limit = 50,
    int Offset = 0)
{
    public const int MaximumLimit = 500;

    /// <summary>Throws when a caller passed values the API validation would have refused.</summary>
    internal void Validate()
    {
        if (Limit is < 1 or > MaximumLimit) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"1 to {MaximumLimit}.");
        if (Offset < 0) throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "Not negative.");
        if (Analyzer is { Length: > 64 } || Level is { Length: > 16 } || Modality is { Length: > 16 })
            throw new ArgumentException("A search value is too long.");
    }
}
