namespace Imaging.Storage;

/// <summary>One findings document a finding search matched, with its patient and study.</summary>
/// <param name="FirstStudyDate">The patient's earliest Study Date (DA), for de-identified day offsets.</param>
public sealed record FindingMatch(
    string PatientId,
    string? PatientName,
    string StudyInstanceUid,
    string? StudyDate,
    string? FirstStudyDate,
    string SeriesInstanceUid,
    string Analyzer,
    int? LesionCount,
    int? NewCount,
    IReadOnlyList<string> FlaggedLevels);
