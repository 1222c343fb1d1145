namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>One lesion of the comparison: a current lesion (new or persistent, with its prior match) or a resolved prior
/// one. Positions are 0-based anterior-frame pixels of their own scan; <see cref="ExpectedX"/>/<see cref="ExpectedY"/>
/// are the prior position mapped into the current frame by the alignment.</summary>
public sealed record LesionComparison(LesionChange Status)
{
    /// <summary>The current lesion's id (null when resolved).</summary>
    public string? Id { get; init; }

    /// <summary>Persistent lesions carry the prior's UID, new ones their own, resolved ones the prior's.</summary>
    public string? TrackingUid { get; init; }

    public SkeletalRegion? Region { get; init; }
    public int? X { get; init; }
    public int? Y { get; init; }
    public string? PriorId { get; init; }
    public SkeletalRegion? PriorRegion { get; init; }
    public int? PriorX { get; init; }
    public int? PriorY { get; init; }
    public double? ExpectedX { get; init; }
    public double? ExpectedY { get; init; }

    /// <summary>Distance in mm between the current lesion and the aligned prior one.</summary>
    public double? DistanceMm { get; init; }

    public double? PeakRatio { get; init; }
    public double? PriorPeakRatio { get; init; }

    /// <summary>Current peak ratio over the prior one (both relative to each scan's own normal bone).</summary>
    public double? PeakRatioChange { get; init; }

    public double? PeakChangePercent { get; init; }
    public double? AreaMm2 { get; init; }
    public double? PriorAreaMm2 { get; init; }
    public double? AreaChangeMm2 { get; init; }
    public double? AreaChangePercent { get; init; }
}
