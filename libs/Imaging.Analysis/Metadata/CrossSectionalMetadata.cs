namespace Imaging.Analysis.Metadata;

/// <summary>Slice geometry of a CT or MR series: where the slices lie along the normal of their common orientation and
/// whether they are evenly spaced.</summary>
public sealed record CrossSectionalMetadata
{
    /// <summary>Slice Thickness (0018,0050) in mm.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>Spacing Between Slices (0018,0088) in mm, as recorded (the measured spacing is <see cref="SliceSpacing"/>).</summary>
    public double? SpacingBetweenSlices { get; init; }

    /// <summary>KVP (0018,0060) for CT.</summary>
    public double? Kvp { get; init; }

    /// <summary>The orientation most slices share (row direction cosines, then column).</summary>
    public IReadOnlyList<double>? ImageOrientationPatient { get; init; }

    /// <summary>Row × column: the direction slice positions are measured along.</summary>
    public IReadOnlyList<double>? Normal { get; init; }

    /// <summary>Distinct slice locations (frames of multi-frame images count one each).</summary>
    public required int SliceCount { get; init; }

    /// <summary>Each distinct location's distance along <see cref="Normal"/> in mm, ascending.</summary>
    public required IReadOnlyList<double> SlicePositions { get; init; }

    /// <summary>The median distance between neighbouring positions, in mm.</summary>
    public double? SliceSpacing { get; init; }

    /// <summary>True when every neighbouring distance is within tolerance of <see cref="SliceSpacing"/>.</summary>
    public required bool UniformSpacing { get; init; }

    /// <summary>Where the distance between neighbours is larger than the spacing allows: missing slices.</summary>
    public required IReadOnlyList<SliceGap> Gaps { get; init; }

    /// <summary>Slices at a location another slice already has (several echoes or phases, or a duplicate).</summary>
    public required int DuplicatePositions { get; init; }

    /// <summary>Slices positioned in another orientation than the common one (e.g. a localizer), left out of the positions.</summary>
    public required int OtherOrientationSlices { get; init; }

    /// <summary>Images without a position (no Image Position/Orientation (Patient)), left out of the positions.</summary>
    public required int UnpositionedImages { get; init; }
}
