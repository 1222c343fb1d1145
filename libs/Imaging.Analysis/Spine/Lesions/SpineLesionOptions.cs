namespace Imaging.Analysis.Spine.Lesions;

/// <summary>Thresholds of step 6 (lytic and blastic regions, SINS partial), each with its documented default; HU after the
/// loader's 1 mm resampling. See the Spine README's step 6 section for how the defaults were chosen.</summary>
public sealed record SpineLesionOptions
{
    public static SpineLesionOptions Default { get; } = new();

    /// <summary>Voxels this far below the patient's trabecular median are lytic (default 100 HU: about ten times the phantom's
    /// resampled noise, and below the 115 HU half-way edge of a 30 HU lesion in 200 HU bone).</summary>
    public float LyticBelowReferenceHu { get; init; } = 100;

    /// <summary>Voxels this far above the patient's trabecular median (and below the cement threshold) are blastic (default 100 HU).</summary>
    public float BlasticAboveReferenceHu { get; init; } = 100;

    /// <summary>Smallest connected region counted as a lesion, ml (default 0.2).</summary>
    public double MinimumLesionMl { get; init; } = 0.2;

    /// <summary>The trabecular interior lies at least this far inside the body's outline, mm (default 3: the blurred cortex and
    /// end plates raise everything closer, which would read as blastic).</summary>
    public double InteriorErosionMm { get; init; } = 3;

    /// <summary>The same along the grid's third axis (the series' slice normal), mm (default 5: end plates lie across the
    /// slices, and a 2 mm slice spreads a 1 mm, 850 HU plate over 2–3 mm above 300 HU; a biconcave fracture's bowed plates
    /// read as blastic with 3 mm).</summary>
    public double InteriorErosionAlongSlicesMm { get; init; } = 5;

    /// <summary>Voxels within this distance of cement are neither reference nor lesion, mm (default 3: cement's blurred fringe
    /// is denser than any blastic threshold but is still cement).</summary>
    public double CementMarginMm { get; init; } = 3;

    /// <summary>Height loss from which a body counts as collapsed for SINS, percent (default 20: Genant grade 1; below it the
    /// height measurement's own error and normal variation dominate).</summary>
    public double SinsCollapseMinimumPercent { get; init; } = 20;
}
