namespace Imaging.Analysis;

/// <summary>One earlier findings document of the same patient, as stored (the analyzer parses its own schema).</summary>
public sealed record PriorFindings(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    DateOnly? StudyDate,
    string Analyzer,
    string AnalyzerVersion,
    string PayloadJson);
