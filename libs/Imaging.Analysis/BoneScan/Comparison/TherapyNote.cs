namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>The therapy the comparison knows of, where that date came from, and the flare caveat when the current scan is
/// soon after it.</summary>
/// <param name="Source"><c>explicit</c> (given by the caller) or <c>inferred</c> (a not-counted therapy-tracer scan).</param>
/// <param name="DaysAfterTherapy">Current scan date minus therapy date; null when the current date is unknown.</param>
/// <param name="Flare">Whether the current scan is within the flare window after therapy.</param>
public sealed record TherapyNote(DateOnly Date, string Source, int? DaysAfterTherapy, bool Flare)
{
    /// <summary>What inferred the date, e.g. "Sm-153 scan of 2026-05-04 (series 2.25…)".</summary>
    public string? Evidence { get; init; }

    public string? Note { get; init; }
}
