namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>The PCWG2 "2+2" rule (Scher et al., J Clin Oncol 2008;26:1148–59) as the data show it: new lesions now, and
/// whether that meets, needs or confirms progression. A note for the reader, not a diagnosis.</summary>
public sealed record ProgressionRuleNote(string Rule, int NewLesions, ProgressionRuleStatus Status, string Note);
