namespace Imaging.Analysis.Spine.Mr;

/// <summary>Thresholds of the classical MR body finder; every one has a documented default.</summary>
public sealed record MrBodyFinderOptions
{
    /// <summary>Gaussian width (mm) of the smooth the image is divided by to remove coil shading (default 30: wider than a body).</summary>
    public double BiasSigmaMm { get; init; } = 30;

    /// <summary>Foreground: voxels above this fraction of the volume's 99th percentile (default 0.08).</summary>
    public double ForegroundFraction { get; init; } = 0.08;

    /// <summary>Distance in front of the canal's anterior edge where the disc profile is sampled, mm (default 3 to 15).</summary>
    public double ProfileNearMm { get; init; } = 3;

    public double ProfileFarMm { get; init; } = 15;

    /// <summary>Shortest distance between two discs along the canal, mm (default 10: the smallest cervical body plus a disc).</summary>
    public double MinimumDiscSpacingMm { get; init; } = 10;

    /// <summary>Widest a disc peak may be at half its rise, mm (default 16: the thickest lumbar disc with its end plates and
    /// blur; an oedematous body bright on T2 is longer).</summary>
    public double MaximumDiscWidthMm { get; init; } = 16;

    /// <summary>A disc peak must rise above its surroundings by this fraction of the typical (upper-quartile) disc rise along the profile (default 0.3).</summary>
    public double DiscProminence { get; init; } = 0.3;

    /// <summary>Bone without a disc below the last disc for this many median body lengths means the sacrum (default 1.5).</summary>
    public double SacrumLengthFactor { get; init; } = 1.5;

    /// <summary>Marrow band half-width as a fraction of the body's own median (default 0.3) and of its contrast to the discs (0.45).</summary>
    public double MarrowRelativeWidth { get; init; } = 0.3;

    public double MarrowDiscContrastWidth { get; init; } = 0.45;

    /// <summary>Deepest a body reaches in front of the canal, mm (default 65).</summary>
    public double MaximumBodyDepthMm { get; init; } = 65;

    /// <summary>A lateral plane keeps a body while it holds at least this fraction of the mid-sagittal area (default 0.3).</summary>
    public double LateralAreaFraction { get; init; } = 0.3;

    /// <summary>Level assumed for the lowest complete body when no sacrum anchors the count (default L5; confidence is low then).</summary>
    public string UnanchoredLowestLevel { get; init; } = "L5";
}
