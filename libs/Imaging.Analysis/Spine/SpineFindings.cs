using System.Text.Json.Serialization;
using Imaging.Analysis.Spine.Comparison;

namespace Imaging.Analysis.Spine;

/// <summary>The spine findings document (issue 7 "Output"): levels with heights, grades and types, the levels to flag,
/// how sure the labels are, and every warning (the volume loader's included).</summary>
public sealed record SpineFindings
{
    public string Analyzer { get; init; } = SpineAnalyzer.AnalyzerName;
    public required string AnalyzerVersion { get; init; }
    public required string Modality { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }

    /// <summary>The image series the heights were measured on: the analysed series itself, or for a SEG series the CT or MR
    /// series it segments (then <see cref="SeriesInstanceUid"/> is the SEG's).</summary>
    public string? SourceSeriesInstanceUid { get; init; }

    /// <summary>Series Date (Study Date when absent): what a later comparison measures intervals from.</summary>
    public DateOnly? SeriesDate { get; init; }

    /// <summary>What found the bodies: ct-classical, mr-classical or seg.</summary>
    public required string Method { get; init; }

    /// <summary>high when counting from S1 and the last rib-bearing vertebra agree; low otherwise.</summary>
    public required string LabelConfidence { get; init; }

    public IReadOnlyList<SpineWarning> Warnings { get; init; } = [];

    /// <summary>Measured levels, cranial first (S1 is found as the counting anchor but not measured: it has no disc below).</summary>
    public IReadOnlyList<VertebraFindings> Vertebrae { get; init; } = [];

    /// <summary>Levels with Genant grade ≥ 1, cranial first.</summary>
    public IReadOnlyList<string> FlaggedLevels { get; init; } = [];

    /// <summary>Against the patient's prior spine study (step 7); null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public SpineComparison? Comparison { get; init; }
}
