using System.Text.Json.Serialization;
using Imaging.Analysis.BoneScan.Comparison;

namespace Imaging.Analysis.BoneScan;

/// <summary>The bone-scan findings document (issue 6, "Output"): QC, lesions by region, exclusions and the
/// extent-of-disease grade, with positions in anterior-frame pixels.</summary>
public sealed record BoneScanFindings
{
    public string Analyzer { get; init; } = BoneScanAnalyzer.AnalyzerName;
    public required string AnalyzerVersion { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Series Date of the scan: what a later comparison measures intervals and therapy windows from.</summary>
    public DateOnly? SeriesDate { get; init; }

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

    /// <summary>Pre/post comparison with the patient's prior bone scan; null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public BoneScanComparison? Comparison { get; init; }
}
