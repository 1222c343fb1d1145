namespace Imaging.Storage.DicomWeb;

/// <summary>The indexed patient and study attributes of one study, as decoded from its instances (DA/TM as text).</summary>
public sealed record QidoStudyAttributes(
    string StudyInstanceUid,
    string? StudyDate,
    string? StudyTime,
    string? StudyDescription,
    string? AccessionNumber,
    string? StudyId,
    string PatientId,
    string? PatientName,
    string? PatientBirthDate,
    string? PatientSex);
