namespace Imaging.Phantoms;

/// <summary>Everything a phantom is made from. The defaults give a 1.75 m adult, Tc-99m MDP 740 MBq imaged 3 h after
/// injection, 256 × 1024 pixels of 2.4 mm, 1.5 M counts per view, 9 mm system FWHM, Poisson noise, an injection site in
/// the right antecubital fossa and the six <see cref="DefaultLesions"/>. Same options and seed, same bytes.</summary>
public sealed record BoneScanPhantomOptions
{
    /// <summary>Drives the noise, and the UIDs and patient identity when those are not given.</summary>
    public long Seed { get; init; } = 1;

    public PhantomTracer Tracer { get; init; } = PhantomTracer.Tc99mMedronate;

    public PhantomLayout Layout { get; init; } = PhantomLayout.TwoFrameInstance;

    public int Columns { get; init; } = 256;

    public int Rows { get; init; } = 1024;

    public double PixelSpacingMm { get; init; } = 2.4;

    /// <summary>Expected total counts in each view (the Poisson total varies by about its square root).</summary>
    public long CountsPerView { get; init; } = 1_500_000;

    /// <summary>Full width at half maximum of the Gaussian system resolution (collimator + intrinsic) in mm.</summary>
    public double SystemFwhmMm { get; init; } = 9;

    /// <summary>False writes the expected counts rounded: a noiseless render for geometry checks.</summary>
    public bool PoissonNoise { get; init; } = true;

    public double PatientHeightMm { get; init; } = 1750;

    /// <summary>Space between the top of the image and the vertex, in mm.</summary>
    public double HeadTopMarginMm { get; init; } = 60;

    /// <summary>Patient displacement on the table in pixels (X to image right, Y down), for follow-up positioning.</summary>
    public double PatientShiftXPixels { get; init; }

    public double PatientShiftYPixels { get; init; }

    /// <summary>Magnification of the patient about the head top (small differences between acquisitions).</summary>
    public double PatientScale { get; init; } = 1.0;

    /// <summary>Null draws <see cref="DefaultLesions"/>; an empty list draws a normal scan.</summary>
    public IReadOnlyList<PhantomLesion>? Lesions { get; init; }

    /// <summary>Residual activity where the tracer was injected (null: none).</summary>
    public InjectionSite? InjectionSite { get; init; } = new();

    public DegenerativeJoints DegenerativeJoints { get; init; } = DegenerativeJoints.None;

    public bool Kidneys { get; init; } = true;

    /// <summary>Bladder uptake relative to a normal thoracic vertebra (before attenuation).</summary>
    public double BladderUptake { get; init; } = 5.0;

    /// <summary>Administered activity in MBq; null takes 740 for Tc-99m MDP, 2590 (37 MBq/kg) for Sm-153 EDTMP.</summary>
    public double? AdministeredActivityMBq { get; init; }

    /// <summary>Width of the photopeak window as a percentage of its centre (140 keV for Tc-99m, 103 keV for Sm-153).</summary>
    public double EnergyWindowPercent { get; init; } = 15;

    /// <summary>Start of the acquisition (local time, as DICOM records it).</summary>
    public DateTime AcquisitionDateTime { get; init; } = new(2026, 3, 2, 11, 30, 0, DateTimeKind.Unspecified);

    /// <summary>Time from injection to the start of the scan.</summary>
    public TimeSpan UptakeTime { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Table speed; with the image length it gives the Actual Frame Duration.</summary>
    public double ScanSpeedCmPerMinute { get; init; } = 14;

    /// <summary>Null derives "PHANTOM^BONE^S{seed}".</summary>
    public string? PatientName { get; init; }

    /// <summary>Null derives "PH" and digits from the seed.</summary>
    public string? PatientId { get; init; }

    public DateOnly PatientBirthDate { get; init; } = new(1956, 7, 14);

    public string PatientSex { get; init; } = "M";

    public string? AccessionNumber { get; init; }

    /// <summary>Fixes the study's UIDs independently of the seed (follow-ups use their own); null derives them from the seed.</summary>
    public string? UidSalt { get; init; }

    /// <summary>Six lesions over the skeleton: T10 (20 mm, 3×), L3 (18 mm, 2.5×), right 7th rib posterior (15 mm, 2.5×),
    /// left iliac wing (25 mm, 3×), skull (16 mm, 2.2×), left proximal femur (20 mm, 2.5×).</summary>
    public static IReadOnlyList<PhantomLesion> DefaultLesions { get; } =
    [
        new("L1", LesionPlacement.AtSite("T10"), 20, 3.0),
        new("L2", LesionPlacement.AtSite("L3"), 18, 2.5),
        new("L3", LesionPlacement.AtSite("right-rib-7-posterior"), 15, 2.5),
        new("L4", LesionPlacement.AtSite("left-iliac-wing"), 25, 3.0),
        new("L5", LesionPlacement.AtSite("skull", 30, -60), 16, 2.2),
        new("L6", LesionPlacement.AtSite("left-femur", 14, -99), 20, 2.5),
    ];
}

/// <summary>Where the tracer went in: a small hot spot, or with <see cref="Extravasation"/> a larger, hotter one from
/// tracer left in the tissue. Default: right antecubital fossa.</summary>
public sealed record InjectionSite
{
    /// <summary>A named site (see <see cref="LesionPlacement"/>) plus offset.</summary>
    public LesionPlacement At { get; init; } = LesionPlacement.AtSite("right-elbow", 0, 4);

    public bool Extravasation { get; init; }
}
