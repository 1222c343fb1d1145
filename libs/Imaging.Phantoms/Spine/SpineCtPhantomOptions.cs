namespace Imaging.Phantoms.Spine;

/// <summary>Everything a CT spine phantom is made from. The defaults give a normal adult spine T1–S1 (12 thoracic, 5 lumbar
/// levels) with 40° kyphosis and 50° lumbar lordosis, axial slices of 2 mm every 2 mm, 256 × 256 pixels of 0.8 mm centred on
/// the spine, 1.2 mm FWHM in-plane blur and 12 HU noise. Same options and seed, same bytes.</summary>
public sealed record SpineCtPhantomOptions
{
    /// <summary>Drives the noise, the cement shapes, and the UIDs and patient identity when those are not given.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>First (most cranial) level in the field of view, C3 to S1.</summary>
    public string FirstLevel { get; init; } = "T1";

    /// <summary>Last (most caudal) level in the field of view, at or below <see cref="FirstLevel"/>; "S1" includes the sacral alae and iliac bones beside it.</summary>
    public string LastLevel { get; init; } = "S1";

    /// <summary>12 (normal) or 13: a 13th rib-bearing thoracic vertebra T13 (a transitional variant).</summary>
    public int ThoracicVertebrae { get; init; } = 12;

    /// <summary>5 (normal) or 6: a 6th lumbar vertebra L6 (a transitional variant).</summary>
    public int LumbarVertebrae { get; init; } = 5;

    /// <summary>Cobb angle of the cervical lordosis C3–C7 in degrees.</summary>
    public double CervicalLordosisDegrees { get; init; } = 20;

    /// <summary>Cobb angle of the thoracic kyphosis T1–T12 in degrees.</summary>
    public double ThoracicKyphosisDegrees { get; init; } = 40;

    /// <summary>Cobb angle of the lumbar lordosis L1–S1 in degrees.</summary>
    public double LumbarLordosisDegrees { get; init; } = 50;

    /// <summary>Multiplies every vertebral and disc size (a smaller or larger patient).</summary>
    public double SizeScale { get; init; } = 1;

    public double SliceThicknessMm { get; init; } = 2;

    /// <summary>Distance between neighbouring slice positions along the table, in mm.</summary>
    public double SliceSpacingMm { get; init; } = 2;

    public double PixelSpacingMm { get; init; } = 0.8;

    public int Rows { get; init; } = 256;

    public int Columns { get; init; } = 256;

    /// <summary>Gantry tilt in degrees: slices tilted about the patient's left-right axis, still stacked along the table.</summary>
    public double GantryTiltDegrees { get; init; }

    /// <summary>Zero-based slice indices (from the most cranial) that are left out of the series: gaps.</summary>
    public IReadOnlyList<int> DroppedSlices { get; init; } = [];

    /// <summary>Zero-based slice indices written twice (the copy has its own SOP Instance UID).</summary>
    public IReadOnlyList<int> DuplicatedSlices { get; init; } = [];

    /// <summary>Full width at half maximum of the in-plane Gaussian blur (the scanner's resolution) in mm; 0 for none.</summary>
    public double BlurFwhmMm { get; init; } = 1.2;

    /// <summary>Standard deviation of the Gaussian noise in HU; 0 for none.</summary>
    public double NoiseSigmaHu { get; init; } = 12;

    public double CorticalBoneHu { get; init; } = 850;

    public double TrabecularBoneHu { get; init; } = 200;

    public double DiscHu { get; init; } = 80;

    public double CementHu { get; init; } = 2500;

    public IReadOnlyList<SpineFracture> Fractures { get; init; } = [];

    /// <summary>Levels with vertebroplasty cement (a dense cluster in the body).</summary>
    public IReadOnlyList<string> CementLevels { get; init; } = [];

    public IReadOnlyList<SpineLesion> Lesions { get; init; } = [];

    public string? PatientName { get; init; }

    public string? PatientId { get; init; }

    public DateOnly PatientBirthDate { get; init; } = new(1948, 3, 14);

    /// <summary>M, F or O.</summary>
    public string PatientSex { get; init; } = "F";

    public DateTime AcquisitionDateTime { get; init; } = new(2026, 5, 4, 10, 15, 0);

    public string? AccessionNumber { get; init; }

    /// <summary>Replaces the seed as the source of UIDs and identity (for a follow-up of the same patient with other images).</summary>
    public string? UidSalt { get; init; }
}
