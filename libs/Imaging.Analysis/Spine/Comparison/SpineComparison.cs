namespace Imaging.Analysis.Spine.Comparison;

/// <summary>The pre/post comparison of a spine study with the patient's prior one (issue 7, step 7): per level the change
/// of the minimum height, new fractures, grade progression and cement added, with how the two series were matched.
/// Computed from the two findings documents alone.</summary>
public sealed record SpineComparison
{
    public string? PriorStudyInstanceUid { get; init; }
    public string? PriorSeriesInstanceUid { get; init; }
    public DateOnly? PriorDate { get; init; }
    public string? PriorAnalyzerVersion { get; init; }

    /// <summary>CT, MR: a comparison across modalities is allowed but noted (heights differ by method).</summary>
    public string? PriorModality { get; init; }

    /// <summary>Days from the prior study to this one; null when a date is missing.</summary>
    public int? IntervalDays { get; init; }

    /// <summary>Every level in either document, cranial first: matched levels, then what only one side has.</summary>
    public IReadOnlyList<VertebraChange> Levels { get; init; } = [];

    /// <summary>Levels graded 0 (or absent) before and ≥ 1 now, cranial first.</summary>
    public IReadOnlyList<string> NewFractureLevels { get; init; } = [];

    /// <summary>Levels with status progressed: the Genant grade rose from ≥ 1, or the minimum height fell beyond the
    /// comparison band without a grade change; cranial first.</summary>
    public IReadOnlyList<string> ProgressedLevels { get; init; } = [];

    /// <summary>Levels with cement now and none before (vertebroplasty since the prior), cranial first.</summary>
    public IReadOnlyList<string> CementAddedLevels { get; init; } = [];

    /// <summary>How the levels were matched and how well the two series agree after alignment.</summary>
    public required SpineAlignment Alignment { get; init; }

    /// <summary>Reader-facing remarks: anything that weakens the comparison (low label confidence on either side, different
    /// modality or method, levels that moved more than expected).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
