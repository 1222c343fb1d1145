namespace Imaging.Storage;

/// <summary>A study as listed by the API: patient, main tags, modalities in it and counts.</summary>
public sealed record StudySummary(
    string StudyInstanceUid,
    string PatientId,
    string? PatientName,
    string? StudyDate,
    string? StudyDescription,
    string? AccessionNumber,
    IReadOnlyList<string> Modalities,
    int SeriesCount,
    int InstanceCount);
