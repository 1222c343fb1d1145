namespace Imaging.Analysis.Spine.Measurement;

/// <summary>One labelled body measured (step 5, before grading): heights along its local axis on the mid-sagittal plane
/// (median of three parallel planes), volume, centroid and axis in patient coordinates, cement.</summary>
public sealed record VertebraMeasurement
{
    public required string Level { get; init; }
    public required double AnteriorHeightMm { get; init; }
    public required double MiddleHeightMm { get; init; }
    public required double PosteriorHeightMm { get; init; }
    public required double VolumeMl { get; init; }

    /// <summary>Centroid of the labelled voxels, patient mm (LPS).</summary>
    public required double[] CentroidMm { get; init; }

    /// <summary>Unit cranial axis the heights were measured along (patient coordinates).</summary>
    public required double[] Axis { get; init; }

    /// <summary>True when more than the cement volume threshold of the body is denser than the cement threshold.</summary>
    public required bool Cement { get; init; }

    public double MinimumHeightMm => Math.Min(AnteriorHeightMm, Math.Min(MiddleHeightMm, PosteriorHeightMm));
}
