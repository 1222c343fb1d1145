namespace Imaging.Analysis.BoneScan;

/// <summary>A hot blob found in one view that passed the peak-ratio and Poisson tests (anterior-frame pixels).</summary>
/// <param name="Peak">Smoothed counts at the peak.</param>
/// <param name="PeakRatio">Peak over the view's normal bone level.</param>
/// <param name="ZScore">Core-versus-annulus contrast in Poisson standard deviations.</param>
/// <param name="ReferenceContrast">Peak over what normal bone would show there (<see cref="ExpectedUptake"/>), divided by
/// the contrast required at that place (lateral or midline): 1 is exactly at the threshold; infinite when there is
/// nothing to compare with.</param>
/// <param name="PairedFraction">The fraction of the required contrast that suffices when the other view shows the focus too
/// (<see cref="BoneScanOptions.PairedContrastFraction"/> lateral of the spine, <see cref="BoneScanOptions.MidlinePairedContrastFraction"/>
/// on it).</param>
/// <param name="AreaMm2">Area at half maximum above the annulus background; infinite when the region growing ran
/// out of its window (diffuse uptake).</param>
internal sealed record BlobCandidate(BoneScanView View, int X, int Y, double SigmaPixels, double Peak, double PeakRatio, double ZScore, double AreaMm2, double ReferenceContrast, double PairedFraction)
{
    /// <summary>Whether the blob alone stands out from the bone a normal skeleton shows at its place (not only from the
    /// global normal-bone level).</summary>
    public bool StandsOut => ReferenceContrast >= 1;

    /// <summary>Area (mm²) at half maximum above the bone around the blob (the annulus's upper quartile) instead of the
    /// annulus mean, measured only when <see cref="AreaMm2"/> is infinite or above the largest lesion: a lesion on a hot
    /// bone (sternum over the spine, a long bone's shaft) spreads at the annulus level along the bone. NaN otherwise.</summary>
    public double ExcessAreaMm2 { get; init; } = double.NaN;

    /// <summary>Whether the blob stood out from the spine column above and below by the core test
    /// (<see cref="ColumnComparison"/>), not only by its peak.</summary>
    public bool ColumnConfirmed { get; init; }

    /// <summary>Whether the blob stood out only by the local generative test against its mirror (<see cref="MirrorLikelihood"/>).</summary>
    public bool LikelihoodConfirmed { get; init; }

    /// <summary>Area (mm²) of the half-maximum disc of the blob the generative test fitted, for a focus it confirmed; NaN
    /// otherwise.</summary>
    public double ModelAreaMm2 { get; init; } = double.NaN;
}
