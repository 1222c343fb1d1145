namespace Imaging.Storage;

/// <summary>The newest findings document of one series and analyzer in an export cohort, with the ORIGINAL
/// identifiers of its patient, study and series (the export maps them to pseudonyms).</summary>
/// <param name="StudyDate">DA text or null.</param>
/// <param name="Modality">The series' modality from the index.</param>
/// <param name="Payload">The analyzer's JSON document as stored.</param>
public sealed record ExportFindingsDocument(
    string PatientId,
    string StudyInstanceUid,
    string? StudyDate,
    string SeriesInstanceUid,
    string Modality,
    string Analyzer,
    string AnalyzerVersion,
    string Payload);
