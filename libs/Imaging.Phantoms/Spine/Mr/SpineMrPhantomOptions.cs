namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Everything a sagittal MR spine phantom is made from. The defaults give a normal lumbar study T10–S1 (with the
/// sacrum below S1 in view): 13 sagittal T1 slices of 3.5 mm every 4 mm, 384 × 320 pixels of 0.9 mm, 1.5 T, Rician noise
/// and a posterior-coil bias field. The anatomy is the CT phantom's (<see cref="SpineCtPhantom"/>). Same options and seed,
/// same bytes.</summary>
public sealed record SpineMrPhantomOptions
{
    /// <summary>Drives the noise, and the UIDs and patient identity when those are not given.</summary>
    public long Seed { get; init; } = 1;

    public SpineMrContrast Contrast { get; init; } = SpineMrContrast.T1;

    /// <summary>Most cranial level the field of view is centred to include, C3 to S1.</summary>
    public string FirstLevel { get; init; } = "T10";

    /// <summary>Most caudal level the field of view is centred to include; with S1 the upper sacrum is in view as well.</summary>
    public string LastLevel { get; init; } = "S1";

    /// <summary>12 (normal) or 13 thoracic vertebrae.</summary>
    public int ThoracicVertebrae { get; init; } = 12;

    /// <summary>5 (normal) or 6 lumbar vertebrae.</summary>
    public int LumbarVertebrae { get; init; } = 5;

    public double ThoracicKyphosisDegrees { get; init; } = 40;

    public double LumbarLordosisDegrees { get; init; } = 50;

    public double CervicalLordosisDegrees { get; init; } = 20;

    public double SizeScale { get; init; } = 1;

    /// <summary>Number of sagittal slices, 1–41; the middle one is centred on <see cref="MidlineOffsetMm"/>.</summary>
    public int Slices { get; init; } = 13;

    public double SliceThicknessMm { get; init; } = 3.5;

    /// <summary>Centre-to-centre distance of neighbouring slices (thickness plus gap), mm.</summary>
    public double SliceSpacingMm { get; init; } = 4;

    /// <summary>Patient X (mm, + left) of the middle slice: the patient's midline is at 0, so a non-zero value puts the
    /// mid-sagittal plane off the middle slice (as a real planning does).</summary>
    public double MidlineOffsetMm { get; init; }

    public double PixelSpacingMm { get; init; } = 0.9;

    /// <summary>Pixels along the column direction (head to feet).</summary>
    public int Rows { get; init; } = 384;

    /// <summary>Pixels along the row direction (anterior to posterior).</summary>
    public int Columns { get; init; } = 320;

    public double MagneticFieldStrengthT { get; init; } = 1.5;

    /// <summary>Repetition time, ms; default by contrast (T1 550, T2 3500).</summary>
    public double? RepetitionTimeMs { get; init; }

    /// <summary>Echo time, ms; default by contrast (T1 12, T2 100).</summary>
    public double? EchoTimeMs { get; init; }

    /// <summary>Default "SAG T1" or "SAG T2".</summary>
    public string? SeriesDescription { get; init; }

    public MrNoiseKind Noise { get; init; } = MrNoiseKind.Rician;

    /// <summary>Noise standard deviation per channel in stored units (healthy marrow is about 700 on T1, 450 on T2).</summary>
    public double NoiseSigma { get; init; } = 15;

    /// <summary>Strength of the receive-coil shading, 0 (flat) to 0.8: signal falls off with depth from the posterior coil
    /// and varies slowly head to feet.</summary>
    public double BiasFieldStrength { get; init; } = 0.4;

    /// <summary>In-plane Gaussian blur FWHM, mm (0 for none).</summary>
    public double BlurFwhmMm { get; init; } = 0.8;

    public IReadOnlyList<SpineFracture> Fractures { get; init; } = [];

    /// <summary>Levels whose (acute) fracture shows marrow oedema: the body's marrow darker on T1, brighter on T2.</summary>
    public IReadOnlyList<string> OedemaLevels { get; init; } = [];

    /// <summary>How far oedema moves the marrow signal towards water (0–1; default 0.5, a body partly replaced).</summary>
    public double OedemaFraction { get; init; } = 0.5;

    public string? PatientName { get; init; }

    public string? PatientId { get; init; }

    public DateOnly PatientBirthDate { get; init; } = new(1948, 3, 14);

    /// <summary>M, F or O.</summary>
    public string PatientSex { get; init; } = "F";

    public DateTime AcquisitionDateTime { get; init; } = new(2026, 5, 4, 11, 5, 0);

    public string? AccessionNumber { get; init; }

    /// <summary>Replaces the seed as the source of UIDs and identity.</summary>
    public string? UidSalt { get; init; }
}
