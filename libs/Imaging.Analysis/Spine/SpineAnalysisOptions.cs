namespace Imaging.Analysis.Spine;

/// <summary>Every threshold of the CT spine analysis, each with its documented default (HU after the 1 mm resampling).</summary>
public sealed record SpineAnalysisOptions
{
    public static SpineAnalysisOptions Default { get; } = new();

    /// <summary>Cortical bone threshold: partial volume lowers thin 850 HU shells to about this after 1 mm resampling (default 250).</summary>
    public float CorticalBoneHu { get; init; } = 250;

    /// <summary>Anything below this counts as canal content (CSF and cord ≈ 20 HU; default 100).</summary>
    public float CanalMaximumHu { get; init; } = 100;

    /// <summary>Smallest and largest cross-section of a canal candidate per axial plane, mm² (defaults 30 and 900).</summary>
    public double CanalMinimumAreaMm2 { get; init; } = 30;
    public double CanalMaximumAreaMm2 { get; init; } = 900;

    /// <summary>Length of the moving average that smooths the canal centre line, mm (default 11).</summary>
    public double CenterLineSmoothingMm { get; init; } = 11;

    /// <summary>Profile values (75th percentile of HU just in front of the canal) below this are disc (discs ≈ 80, trabecular
    /// bone ≈ 200; default 165).</summary>
    public float DiscMaximumHu { get; init; } = 165;

    /// <summary>Shortest run of the profile counted as a disc and as a body, mm (defaults 0.5 and 6: thin upper thoracic discs dip for a millimetre only).</summary>
    public double MinimumDiscMm { get; init; } = 0.5;
    public double MinimumBodyMm { get; init; } = 6;

    /// <summary>Voxels above this belong to a body when connected to it between its disc planes (trabecular ≈ 200; default 130).</summary>
    public float BodyMinimumHu { get; init; } = 130;

    /// <summary>Nominal cortical bone HU; body surface voxels below half-way between <see cref="CorticalBoneHu"/> and this are
    /// blur outside the cortex and are peeled off (default 650).</summary>
    public float FringeCorticalHu { get; init; } = 650;

    /// <summary>Largest distance from the canal's sagittal plane a body voxel may lie, mm (default 40: wider than L5).</summary>
    public double MaximumBodyHalfWidthMm { get; init; } = 40;

    /// <summary>Bone connected to the lowest body further out than this is the pelvis: that body is S1 (default 45 mm).</summary>
    public double SacralFusionLateralMm { get; init; } = 45;

    /// <summary>Ribs: bone this far from the midline (mm, defaults 48–75: beyond lumbar transverse processes, before the lower ribs descend to the next level), at most <see cref="RibAnteriorLimitMm"/> in front of
    /// the canal centre, in at least <see cref="RibMinimumVoxels"/> samples on each side.</summary>
    public double RibInnerLateralMm { get; init; } = 48;
    public double RibOuterLateralMm { get; init; } = 75;
    public double RibAnteriorLimitMm { get; init; } = 14;

    /// <summary>Ribs are sought at most this far behind the canal centre (default 15 mm; the lower ribs' posterior arcs and the
    /// spinous processes lie further back at the next level down).</summary>
    public double RibPosteriorLimitMm { get; init; } = 15;
    public int RibMinimumVoxels { get; init; } = 150;

    /// <summary>Where an end plate's edge lies between the cortical peak and the value outside the body, as a fraction of the
    /// difference (default 0.8: a 1 mm cortex never reaches its full value after blurring, so half of the blurred peak lies
    /// outside the true edge).</summary>
    public double EdgeFraction { get; init; } = 0.8;

    /// <summary>Anterior and posterior heights are read at this fraction of the half-depth from the body's centre (default 0.8),
    /// but at least <see cref="RimWallClearanceMm"/> inside the wall (default 2.5 mm: the blurred wall raises the profile).</summary>
    public double RimFraction { get; init; } = 0.8;
    public double RimWallClearanceMm { get; init; } = 2.5;

    /// <summary>Lateral offset of the two extra parallel sagittal planes, mm (default 3; the median of three is reported).</summary>
    public double SagittalPlaneOffsetMm { get; init; } = 3;

    /// <summary>Heights within this fraction of each other count as uniformly low (a crush; default 0.15).</summary>
    public double CrushUniformity { get; init; } = 0.15;

    /// <summary>Voxels above this inside a body are cement (default 1500 HU) when there are at least <see cref="CementMinimumMl"/> of them.</summary>
    public float CementMinimumHu { get; init; } = 1500;
    public double CementMinimumMl { get; init; } = 0.2;

    /// <summary>Step 6: lytic and blastic regions and SINS partial.</summary>
    public Lesions.SpineLesionOptions Lesions { get; init; } = global::Imaging.Analysis.Spine.Lesions.SpineLesionOptions.Default;
}
