using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>The bone-scan findings document (issue 6, "Output"): QC, lesions by region, exclusions and the
/// extent-of-disease grade, with positions in anterior-frame pixels.</summary>
public sealed record BoneScanFindings
{
    public string Analyzer { get; init; } = BoneScanAnalyzer.AnalyzerName;
    public required string AnalyzerVersion { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Whether lesions were counted (Tc-99m), only recorded (other tracers) or could not be analysed.</summary>
    public required TracerStatus Status { get; init; }

    /// <summary>The tracer as recorded (radiopharmaceutical, radionuclide, energy window peak).</summary>
    public string? Tracer { get; init; }

    public required BoneScanQc Qc { get; init; }

    /// <summary>Unique lesions counted; null when not counted.</summary>
    public int? LesionCount { get; init; }

    public RegionCounts? RegionCounts { get; init; }

    public IReadOnlyList<BoneScanLesion> Lesions { get; init; } = [];

    public IReadOnlyList<ExcludedFocus> Excluded { get; init; } = [];

    /// <summary>Soloway extent of disease (0–4); null when not counted.</summary>
    public int? ExtentOfDiseaseGrade { get; init; }

    /// <summary>Lesion area as a percentage of the skeletal area.</summary>
    public double? LesionBurdenPercent { get; init; }

    /// <summary>The patient's normal bone level (for longitudinal comparison) and the anchors found.</summary>
    public BoneScanNormalisation? Normalisation { get; init; }

    public AnatomicalAnchors? Anchors { get; init; }

    /// <summary>Pre/post comparison: not produced yet (kept in the shape as null).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Comparison { get; init; }
}

/// <summary>Quality checks: counts per view, acquisition time, pixel spacing and the warnings raised.</summary>
public sealed record BoneScanQc
{
    public long? CountsAnterior { get; init; }
    public long? CountsPosterior { get; init; }

    /// <summary>Acquisition duration in seconds (Actual Frame Duration), per view.</summary>
    public double? AcquisitionSeconds { get; init; }

    /// <summary>Pixel spacing used (mm), measured or assumed.</summary>
    public double? PixelSpacingMm { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Lesions per skeletal region (every region present, zero when none).</summary>
public sealed record RegionCounts
{
    public int Skull { get; init; }
    [JsonPropertyName("cervical-spine")] public int CervicalSpine { get; init; }
    [JsonPropertyName("thoracic-spine")] public int ThoracicSpine { get; init; }
    [JsonPropertyName("lumbar-spine")] public int LumbarSpine { get; init; }
    public int Sacrum { get; init; }
    public int Ribs { get; init; }
    public int Sternum { get; init; }
    public int Shoulder { get; init; }
    public int Pelvis { get; init; }
    [JsonPropertyName("upper-limbs")] public int UpperLimbs { get; init; }
    [JsonPropertyName("lower-limbs")] public int LowerLimbs { get; init; }

    /// <summary>Counts of <paramref name="lesions"/> by region.</summary>
    public static RegionCounts Of(IReadOnlyList<BoneScanLesion> lesions)
    {
        var n = new int[Enum.GetValues<SkeletalRegion>().Length];
        foreach (var lesion in lesions) n[(int)lesion.Region]++;
        return new RegionCounts
        {
            Skull = n[(int)SkeletalRegion.Skull], CervicalSpine = n[(int)SkeletalRegion.CervicalSpine],
            ThoracicSpine = n[(int)SkeletalRegion.ThoracicSpine], LumbarSpine = n[(int)SkeletalRegion.LumbarSpine],
            Sacrum = n[(int)SkeletalRegion.Sacrum], Ribs = n[(int)SkeletalRegion.Ribs], Sternum = n[(int)SkeletalRegion.Sternum],
            Shoulder = n[(int)SkeletalRegion.Shoulder], Pelvis = n[(int)SkeletalRegion.Pelvis],
            UpperLimbs = n[(int)SkeletalRegion.UpperLimbs], LowerLimbs = n[(int)SkeletalRegion.LowerLimbs],
        };
    }

    /// <summary>The count of one region.</summary>
    public int this[SkeletalRegion region] => region switch
    {
        SkeletalRegion.Skull => Skull, SkeletalRegion.CervicalSpine => CervicalSpine, SkeletalRegion.ThoracicSpine => ThoracicSpine,
        SkeletalRegion.LumbarSpine => LumbarSpine, SkeletalRegion.Sacrum => Sacrum, SkeletalRegion.Ribs => Ribs,
        SkeletalRegion.Sternum => Sternum, SkeletalRegion.Shoulder => Shoulder, SkeletalRegion.Pelvis => Pelvis,
        SkeletalRegion.UpperLimbs => UpperLimbs, _ => LowerLimbs,
    };
}

/// <summary>One unique lesion: where (anterior-frame pixel, 0-based), in which views, how hot and how large.</summary>
public sealed record BoneScanLesion(string Id, SkeletalRegion Region, IReadOnlyList<BoneScanView> Views, int X, int Y, double PeakRatio, double AreaMm2);

/// <summary>A hot focus not counted as a lesion, and why: bladder, kidney, injection-site, outside-body,
/// symmetric-joint ("probably degenerative"), implausible-size.</summary>
public sealed record ExcludedFocus(string Reason, int X, int Y)
{
    /// <summary>A reader-facing remark, e.g. "probably degenerative".</summary>
    public string? Note { get; init; }
}

/// <summary>Reference levels of this scan: normal bone per view (robust median of skeletal pixels), soft tissue, skeletal area.</summary>
public sealed record BoneScanNormalisation(double? NormalBoneAnterior, double? NormalBonePosterior, double SoftTissue, double SkeletalAreaMm2);

/// <summary>Source-generated JSON of the bone-scan findings: camelCase, nulls left out except <c>comparison</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(BoneScanFindings))]
public sealed partial class BoneScanJsonContext : JsonSerializerContext;
