namespace Imaging.Storage;

/// <summary>One study of a patient's timeline with its series.</summary>
public sealed record PatientStudy(
    string StudyInstanceUid,
    string? StudyDate,
    string? StudyTime,
    string? StudyDescription,
    string? AccessionNumber,
    IReadOnlyList<PatientSeries> Series);
