namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>One anatomical anchor row on both scans, and whether the vertical alignment used it (an anchor far off the
/// others' common scale and shift, e.g. a knee row pulled by a lesion, is left out).</summary>
public sealed record AlignmentAnchor(string Name, int PriorRow, int CurrentRow, bool Used);
