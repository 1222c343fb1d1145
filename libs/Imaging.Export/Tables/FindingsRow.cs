namespace Imaging.Export.Tables;

/// <summary>One analysed series in findings.csv/.parquet: pseudonyms, relative days and counts only.</summary>
internal sealed record FindingsRow(
    string Patient,
    string Study,
    string Series,
    string? Modality,
    string? Analyzer,
    string? AnalyzerVersion,
    int? DaysSinceFirstStudy,
    int? LesionCount,
    IReadOnlyList<int?> RegionCounts,
    int? ExtentOfDiseaseGrade,
    string? FlaggedLevels,
    string? LabelConfidence,
    int? ComparisonNew,
    int? ComparisonPersistent,
    int? ComparisonResolved,
    int? ComparisonIntervalDays);
