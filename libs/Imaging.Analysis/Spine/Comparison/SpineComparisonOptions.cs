namespace Imaging.Analysis.Spine.Comparison;

/// <summary>Every threshold of the spine pre/post comparison (step 7), each with the reason for its default.</summary>
public sealed record SpineComparisonOptions
{
    /// <summary>The defaults used by the analyzer, the worker and the command line.</summary>
    public static SpineComparisonOptions Default { get; } = new();

    /// <summary>A level's minimum height must fall by more than this (mm) and by more than
    /// <see cref="HeightChangePercent"/> to count as progressed without a grade change (default 3): the measurer is within
    /// ±1.5 mm of the truth, so two independent readings differ by up to 3 mm on an unchanged body.</summary>
    public double HeightChangeMm { get; init; } = 3;

    /// <summary>The same band in per cent of the prior minimum height (default 10): 3 mm on a 12 mm upper thoracic body is
    /// 25 %, but on a 28 mm lumbar body only 11 %; both limits must be exceeded. Height gained beyond both is "improved"
    /// (kyphoplasty restores height).</summary>
    public double HeightChangePercent { get; init; } = 10;

    /// <summary>Shifting the labels by one level must bring the median centroid residual below this fraction of the by-label
    /// residual (default 0.5) before the comparison says the labels disagree.</summary>
    public double LabelShiftResidualRatio { get; init; } = 0.5;

    /// <summary>…and the by-label residual must exceed this fraction of the median body height (default 0.5): a residual of a
    /// few mm is repositioning and curvature change, while a level's worth of mismatch is most of a body height.</summary>
    public double LabelShiftMinimumHeightFraction { get; init; } = 0.5;

    /// <summary>Fewest matched levels (and shifted pairs) for the label check (default 3): the translation is a median, and
    /// with two pairs a shift fits as well as the labels do.</summary>
    public int MinimumLevelsForLabelCheck { get; init; } = 3;

    /// <summary>A matched level whose centroid lies further than this from its prior position after alignment is named in a
    /// note (default 10 mm, about a third of a lumbar body height): the two series may disagree on that body.</summary>
    public double LevelMovedNoteMm { get; init; } = 10;

    /// <summary>Most levels a findings document may carry to be compared (default 40: C1–S5 is 29 bodies); more means a
    /// corrupt or hostile document.</summary>
    public int MaximumLevels { get; init; } = 40;
}
