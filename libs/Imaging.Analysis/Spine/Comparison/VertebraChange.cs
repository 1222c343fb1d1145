namespace Imaging.Analysis.Spine.Comparison;

/// <summary>One level in a spine comparison: prior and current minimum height, grade and cement, and what changed.</summary>
public sealed record VertebraChange
{
    public required string Level { get; init; }

    /// <summary>new-fracture, progressed, stable, improved, only-current or only-prior.</summary>
    public required string Status { get; init; }

    public double? PriorMinimumHeightMm { get; init; }
    public double? CurrentMinimumHeightMm { get; init; }

    /// <summary>Current minus prior minimum height (negative = lost height).</summary>
    public double? MinimumHeightChangeMm { get; init; }

    /// <summary>The change as a percentage of the prior minimum height.</summary>
    public double? MinimumHeightChangePercent { get; init; }

    public int? PriorGenantGrade { get; init; }
    public int? CurrentGenantGrade { get; init; }
    public bool? PriorCement { get; init; }
    public bool? CurrentCement { get; init; }
    public bool NewFracture { get; init; }
    public bool GradeProgression { get; init; }
    public bool CementAdded { get; init; }

    /// <summary>Distance between the level's centroids after aligning the two series (mm); a large one casts doubt on the
    /// label match.</summary>
    public double? CentroidDistanceMm { get; init; }

    /// <summary>The level's tracking UID (inherited from the prior when matched).</summary>
    public string? TrackingUid { get; init; }
}
