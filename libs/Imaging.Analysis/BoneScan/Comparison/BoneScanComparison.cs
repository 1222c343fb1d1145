namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>The pre/post comparison of a bone scan with the patient's prior one (issue 6, step 7): which lesions are
/// new, persistent or resolved, how their intensity and area changed, region counts, the "2+2" rule and the flare
/// caveat, and the alignment used. Computed from the two findings documents alone.</summary>
public sealed record BoneScanComparison
{
    public string? PriorStudyInstanceUid { get; init; }
    public string? PriorSeriesInstanceUid { get; init; }
    public DateOnly? PriorDate { get; init; }
    public string? PriorAnalyzerVersion { get; init; }

    /// <summary>Days from the prior scan to this one; null when a date is missing.</summary>
    public int? IntervalDays { get; init; }

    public required int PriorLesionCount { get; init; }
    public required int CurrentLesionCount { get; init; }
    public required int NewCount { get; init; }
    public required int PersistentCount { get; init; }
    public required int ResolvedCount { get; init; }

    /// <summary>Current lesions (new, persistent) in the current document's order, then resolved prior ones.</summary>
    public IReadOnlyList<LesionComparison> Lesions { get; init; } = [];

    /// <summary>Every region, with prior and current counts.</summary>
    public IReadOnlyList<RegionCountChange> RegionChanges { get; init; } = [];

    public required ComparisonAlignment Alignment { get; init; }

    /// <summary>The match distance used (mm).</summary>
    public double MatchDistanceMm { get; init; }

    public required ProgressionRuleNote Progression { get; init; }

    public TherapyNote? Therapy { get; init; }

    /// <summary>Reader-facing remarks: the 2+2 and flare notes, and anything that weakens the comparison.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
