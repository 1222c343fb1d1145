namespace Imaging.Storage.DicomWeb;

/// <summary>A QIDO-RS search: the level returned, matching keys (all must match) and the page wanted.</summary>
/// <remarks>The store answers at most <see cref="Limit"/> matches after skipping <see cref="Offset"/>, and says whether
/// more exist. Results are ordered newest study first, then series number, then instance number (UIDs break ties), so
/// pages are stable while nothing is added.</remarks>
public sealed record QidoQuery(QidoLevel Level, IReadOnlyList<QidoCondition> Conditions, int Limit, int Offset)
{
    /// <summary>Largest page the store answers: a bound on memory whatever a caller asks.</summary>
    public const int MaximumLimit = 10_000;

    /// <summary>Longest value (or list element) accepted in a condition.</summary>
    public const int MaximumValueLength = 1024;

    /// <summary>Most values in one list condition, and most conditions in one query.</summary>
    public const int MaximumValues = 200;
}
