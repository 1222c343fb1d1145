namespace Imaging.Storage;

/// <summary>A patient as the workspace lists it; dates are DICOM DA text (yyyyMMdd) or null.</summary>
public sealed record PatientSummary(string PatientId, string? PatientName, string? BirthDate, string? Sex, int StudyCount, string? LatestStudyDate);
