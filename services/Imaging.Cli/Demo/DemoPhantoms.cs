using System.Globalization;
using Imaging.Phantoms;
using Imaging.Phantoms.Spine;

namespace Imaging.Cli.Demo;

/// <summary>The demo patient's four series, made by the phantom generators: a baseline about four months ago (bone scan
/// with metastases; spine CT with a T7 wedge fracture) and a follow-up today after T7 vertebroplasty and Sm-153 therapy
/// (bone scan with resolved, persistent and new lesions; spine CT with cement at T7 and a new T10 fracture).</summary>
internal sealed record DemoPhantoms(BoneScanStudy BaselineBoneScan, SpineCtStudy BaselineSpine, BoneScanStudy FollowUpBoneScan, SpineCtStudy FollowUpSpine)
{
    /// <summary>Days between the baseline and the follow-up.</summary>
    public const int IntervalDays = 120;

    /// <summary>The level fractured at baseline and treated with vertebroplasty before the follow-up.</summary>
    public const string CementLevel = "T7";

    /// <summary>The level that fractured between the two timepoints.</summary>
    public const string NewFractureLevel = "T10";

    /// <summary>Spine CT field of view: T4–L2 keeps the series near 150 slices of 256 × 256 while the last rib-bearing level
    /// and two lumbar levels below it let the labeller count T12 without the sacrum.</summary>
    private const string FirstSpineLevel = "T4";
    private const string LastSpineLevel = "L2";

    private static readonly DateOnly BirthDate = new(1956, 7, 14);

    /// <summary>Baseline lesions: strong (22–28 mm, 3–5× normal bone) and apart, so the detector finds every one and the
    /// follow-up's counts are the truth's; placed where the story needs them (T7 with the fracture, L3, ilium, skull, femur).</summary>
    private static readonly IReadOnlyList<PhantomLesion> BaselineLesions =
    [
        new("B1", LesionPlacement.AtSite("T7"), 24, 3.5),
        new("B2", LesionPlacement.AtSite("L3"), 22, 3.0),
        // The ilium and the limbs take up less tracer than the spine: hotter lesions there read as clearly.
        new("B3", LesionPlacement.AtSite("left-iliac-wing"), 28, 5.0),
        new("B4", LesionPlacement.AtSite("skull", 30, -60), 22, 3.5),
        new("B5", LesionPlacement.AtSite("left-femur", 14, -99), 24, 4.0),
    ];

    /// <summary>After Sm-153: the skull and femur lesions resolved, two new ones (T10, where the spine fractured, and L1),
    /// the rest persist.</summary>
    private static readonly FollowUpChanges BoneScanChanges = new()
    {
        Removed = ["B4", "B5"],
        Added =
        [
            new("F1", LesionPlacement.AtSite("T10"), 22, 3.5),
            // Not the right ilium: the detector compares each side with its mirror, and a lesion in each iliac wing would
            // cancel out.
            new("F2", LesionPlacement.AtSite("L1"), 24, 3.5),
        ],
        NewContrast = new Dictionary<string, double> { ["B1"] = 3.0 },
        DaysLater = IntervalDays,
    };

    /// <summary>Makes the four series; <paramref name="today"/> is the follow-up's date.</summary>
    public static DemoPhantoms Create(DemoOptions options, DateOnly today)
    {
        var (baselineBoneScan, baselineSpine) = CreateBaseline(options, today);
        var (followUpBoneScan, followUpSpine) = CreateFollowUp(options, today, baselineBoneScan);
        return new DemoPhantoms(baselineBoneScan, baselineSpine, followUpBoneScan, followUpSpine);
    }

    /// <summary>The baseline and follow-up whole-body bone scans alone.</summary>
    public static (BoneScanStudy Baseline, BoneScanStudy FollowUp) CreateBoneScans(DemoOptions options, DateOnly today)
    {
        var baseline = MakeBaselineBoneScan(options, today);
        return (baseline, MakeFollowUpBoneScan(options, baseline));
    }

    /// <summary>The baseline timepoint: the bone scan and the spine CT of <see cref="IntervalDays"/> before <paramref name="today"/>.</summary>
    public static (BoneScanStudy BoneScan, SpineCtStudy Spine) CreateBaseline(DemoOptions options, DateOnly today)
    {
        var baselineDay = today.AddDays(-IntervalDays);
        var spine = SpineCtPhantom.Generate(Spine(options, options.Seed + 1, $"{Salt(options)}/spine-ct/baseline", baselineDay.ToDateTime(new TimeOnly(11, 0))) with
        {
            AccessionNumber = "DEMO-CT-1",
            Fractures = [new SpineFracture(CementLevel, VertebralFractureType.Wedge, 35)],
        });
        return (MakeBaselineBoneScan(options, today), spine);
    }

    /// <summary>The follow-up timepoint (today), its bone scan made from the baseline's so their truths compare.</summary>
    public static (BoneScanStudy BoneScan, SpineCtStudy Spine) CreateFollowUp(DemoOptions options, DateOnly today, BoneScanStudy baselineBoneScan)
    {
        var spine = SpineCtPhantom.Generate(Spine(options, options.Seed + 2, $"{Salt(options)}/spine-ct/follow-up", today.ToDateTime(new TimeOnly(11, 0))) with
        {
            AccessionNumber = "DEMO-CT-2",
            // Vertebroplasty fills the body with cement; it does not restore the lost height.
            Fractures = [new SpineFracture(CementLevel, VertebralFractureType.Wedge, 35), new SpineFracture(NewFractureLevel, VertebralFractureType.Wedge, 30)],
            CementLevels = [CementLevel],
        });
        return (MakeFollowUpBoneScan(options, baselineBoneScan), spine);
    }

    private static BoneScanStudy MakeBaselineBoneScan(DemoOptions options, DateOnly today) => BoneScanPhantom.Generate(new BoneScanPhantomOptions
    {
        Seed = options.Seed,
        Lesions = BaselineLesions,
        PatientId = options.PatientId,
        PatientName = options.PatientName,
        PatientBirthDate = BirthDate,
        PatientSex = "M",
        AccessionNumber = "DEMO-BS-1",
        AcquisitionDateTime = today.AddDays(-IntervalDays).ToDateTime(new TimeOnly(9, 30)),
        UidSalt = $"{Salt(options)}/bone-scan/baseline",
    });

    private static BoneScanStudy MakeFollowUpBoneScan(DemoOptions options, BoneScanStudy baseline) =>
        BoneScanPhantom.FollowUp(baseline, BoneScanChanges with { Seed = options.Seed + 7919 });

    private static string Salt(DemoOptions options) => $"imaging-demo/{options.PatientId}/{options.Seed.ToString(CultureInfo.InvariantCulture)}";

    private static SpineCtPhantomOptions Spine(DemoOptions options, long seed, string salt, DateTime acquired) => new()
    {
        Seed = seed,
        UidSalt = salt,
        FirstLevel = FirstSpineLevel,
        LastLevel = LastSpineLevel,
        Rows = 256,
        Columns = 256,
        PatientId = options.PatientId,
        PatientName = options.PatientName,
        PatientBirthDate = BirthDate,
        PatientSex = "M",
        AcquisitionDateTime = acquired,
    };
}
