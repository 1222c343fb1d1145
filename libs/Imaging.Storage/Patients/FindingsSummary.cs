namespace Imaging.Storage;

/// <summary>The few values of a findings document the timeline shows, extracted from the JSON by the database; each is
/// null when the document does not hold it (another analyzer, or no comparison).</summary>
/// <param name="PriorStudyInstanceUid">The study the stored comparison was made against.</param>
public sealed record FindingsSummary(
    string Analyzer,
    string AnalyzerVersion,
    DateTimeOffset ProducedAt,
    int? LesionCount,
    int? ExtentOfDiseaseGrade,
    string? Status,
    int? NewCount,
    int? PersistentCount,
    int? ResolvedCount,
    IReadOnlyList<string>? FlaggedLevels,
    string? LabelConfidence,
    string? Modality,
    string? PriorStudyInstanceUid);
