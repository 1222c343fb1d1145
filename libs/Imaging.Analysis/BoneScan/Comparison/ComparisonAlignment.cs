namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>How prior positions were mapped into the current frame: rows piecewise-linearly between the used anchors
/// (the overall fit beyond them), columns about the spine line with <see cref="HorizontalScale"/>.</summary>
public sealed record ComparisonAlignment
{
    /// <summary><c>anchors</c>, or <c>identity</c> when too few anchors agree (positions compared as they are).</summary>
    public required string Method { get; init; }

    public IReadOnlyList<AlignmentAnchor> Anchors { get; init; } = [];

    /// <summary>Current rows per prior row over the used anchors (least squares).</summary>
    public double VerticalScale { get; init; } = 1;

    public double VerticalOffset { get; init; }

    public double HorizontalScale { get; init; } = 1;

    public double? PriorSpineColumn { get; init; }
    public double? CurrentSpineColumn { get; init; }

    /// <summary>Root-mean-square distance (mm) of the used anchors from the overall line: how well one shift and scale
    /// describe the repositioning.</summary>
    public double? AnchorResidualMm { get; init; }
}
