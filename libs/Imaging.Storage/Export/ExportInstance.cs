namespace Imaging.Storage;

/// <summary>One instance of an export cohort with the ORIGINAL identifiers from the index (for the audit log and the
/// pseudonym maps; never written to the export) and where its file is.</summary>
/// <param name="StudyDate">DA text or null.</param>
public sealed record ExportInstance(
    string PatientId,
    string StudyInstanceUid,
    string? StudyDate,
    string SeriesInstanceUid,
    string Modality,
    string SopInstanceUid,
    string SopClassUid,
    string BlobKey,
    long SizeBytes);
