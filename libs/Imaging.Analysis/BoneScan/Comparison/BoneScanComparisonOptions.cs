namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Every threshold of the pre/post comparison, each with the reason for its default.</summary>
public sealed record BoneScanComparisonOptions
{
    /// <summary>The defaults used by the worker and the command line.</summary>
    public static BoneScanComparisonOptions Default { get; } = new();

    /// <summary>Largest distance (mm, after alignment) at which a current lesion is the same as a prior one (issue 6:
    /// 20 mm): a lesion's detected centre moves by a few mm between scans, the patient's positioning by more, while two
    /// distinct lesions closer than this would usually merge on planar images anyway.</summary>
    public double MatchDistanceMm { get; init; } = 20;

    /// <summary>Two lesions whose extents overlap (centre distance at most the sum of their equivalent-circle radii,
    /// √(area/π)) are also the same lesion, up to <see cref="MaximumOverlapMatchDistanceMm"/>: the detected centre of a
    /// 25–30 mm lesion moves by more than the camera's resolution between scans (noise, neighbouring bone, repositioning),
    /// yet two overlapping hot areas on one bone are one lesion to a reader. Closest pairs still win.</summary>
    public bool MatchOverlappingExtents { get; init; } = true;

    /// <summary>Upper bound (mm) for matching by overlapping extents: large diffuse lesions must not swallow a distinct
    /// neighbour a vertebra or two away (a lumbar vertebral body is about 30 mm high).</summary>
    public double MaximumOverlapMatchDistanceMm { get; init; } = 30;

    /// <summary>Whether a match may cross into a neighbouring region: a lesion near a region border (a lower thoracic
    /// vertebra next to the lumbar band, a rib head next to the spine) can be assigned either side on two scans.</summary>
    public bool MatchNeighbouringRegions { get; init; } = true;

    /// <summary>An anchor whose row is further than this (mm) from the common shift and scale of the others is left out
    /// of the vertical alignment: anchors are found within a few pixels on two scans of one patient, so a larger
    /// disagreement means one of them was pulled (a hot lesion next to the knee, an arm by the neck).</summary>
    public double AnchorToleranceMm { get; init; } = 12;

    /// <summary>Fewest agreeing anchors for an anchor alignment; with fewer, positions are compared unaligned (and the
    /// comparison says so): two points are the least that fix a shift and a scale.</summary>
    public int MinimumAnchors { get; init; } = 2;

    /// <summary>Largest plausible scale between two scans of one patient (either way): differences come from table
    /// height and matrix zoom, a few per cent; beyond this the anchors are wrong, not the patient.</summary>
    public double MaximumScaleChange { get; init; } = 1.25;

    /// <summary>Most lesions a findings document may carry to be compared: matching is pairwise (quadratic), and a real
    /// scan has at most a few hundred foci (a superscan is graded, not counted); more means a corrupt or hostile document.</summary>
    public int MaximumLesions { get; init; } = 2000;

    /// <summary>New lesions that trigger the PCWG2 rule (Scher et al. 2008: "≥ 2 new lesions"), and the further new
    /// lesions a confirmatory scan must show.</summary>
    public int ProgressionNewLesions { get; init; } = 2;

    /// <summary>Days after the first post-treatment scan before a confirmatory scan counts (PCWG2: at least 6 weeks).</summary>
    public int ConfirmationIntervalDays { get; init; } = 42;

    /// <summary>Days after therapy within which new or brighter lesions may be a flare (healing response) rather than
    /// progression: the flare phenomenon is described up to about 12 weeks after starting therapy.</summary>
    public int FlareWindowDays { get; init; } = 84;
}
