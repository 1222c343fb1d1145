namespace Imaging.Analysis.Spine.Seg;

/// <summary>How SEG segments become vertebral bodies on the CT grid; defaults documented per option.</summary>
public sealed record SegLabelOptions
{
    /// <summary>Cut the posterior elements off whole-vertebra segments (default true), so the measurer sees bodies.</summary>
    public bool ExtractBodies { get; init; } = true;

    /// <summary>Opening radius as a fraction of the segment's largest inscribed radius (default 0.5): removes the
    /// pedicles, laminae and processes (a few mm thick) while keeping the body (≥ 7 mm inscribed radius).</summary>
    public double OpeningFraction { get; init; } = 0.5;

    /// <summary>A segment whose opening removes less than this fraction of its voxels is taken as a body already (default 0.05).</summary>
    public double WholeVertebraResidualFraction { get; init; } = 0.05;

    /// <summary>A segment is a whole vertebra only when what the opening removed lies, on average, at least this many
    /// inscribed radii from the opened body's centroid (default 1): a body's removed rims are centred on it (offset ≈ 0),
    /// posterior elements lie 2–3 radii behind it.</summary>
    public double WholeVertebraOffsetRatio { get; init; } = 1.0;

    /// <summary>Walking from the body centre towards the posterior elements, the body ends where the cross-section falls
    /// below this fraction of the central one (default 0.5).</summary>
    public double PosteriorWallAreaFraction { get; init; } = 0.5;

    /// <summary>Decoded SEG frames are held in memory: more bytes than this (default 1 GiB) is refused.</summary>
    public long MaximumMaskBytes { get; init; } = 1L << 30;

    /// <summary>Largest distance (mm) a voxel may lie from the nearest SEG frame plane when the SEG has a single plane and
    /// no slice thickness (default 0.5).</summary>
    public double SinglePlaneToleranceMm { get; init; } = 0.5;
}
