namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>A therapy date for the comparison and where it came from (see <see cref="TherapyNote.Source"/>).</summary>
public sealed record TherapyEvent(DateOnly Date, string Source, string? Evidence = null)
{
    public const string Explicit = "explicit";
    public const string Inferred = "inferred";
}
