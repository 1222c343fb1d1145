namespace Imaging.Analysis.Spine.Volume;

/// <summary>How <see cref="CtVolumeLoader"/> builds a volume; every limit has a documented default.</summary>
public sealed record CtVolumeLoaderOptions
{
    /// <summary>Resample to isotropic voxels of <see cref="IsotropicSpacingMm"/> (trilinear); false keeps the slices' own grid.</summary>
    public bool Resample { get; init; } = true;

    /// <summary>Voxel size of the resampled volume, mm (default 1).</summary>
    public double IsotropicSpacingMm { get; init; } = 1.0;

    /// <summary>Most voxels the loader holds at once (source slices and output together): 4 bytes each; default 300 M (1.2 GB).</summary>
    public long MaximumVoxels { get; init; } = 300_000_000;

    /// <summary>Relative tolerance on the slice step before spacing counts as non-uniform (default 5 %, at least 0.02 mm).</summary>
    public double SpacingTolerance { get; init; } = 0.05;

    /// <summary>A step this many times the median spacing or more is a gap (default 1.5).</summary>
    public double GapFactor { get; init; } = 1.5;

    /// <summary>Stacking obliquity (degrees) above which the series counts as tilted (default 0.5°).</summary>
    public double TiltToleranceDegrees { get; init; } = 0.5;

    /// <summary>HU given to resampled voxels outside every slice's field of view (default −1024, air).</summary>
    public float OutsideHu { get; init; } = -1024;
}
