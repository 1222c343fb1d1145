namespace Imaging.Storage;

/// <summary>A leased look-up: the arriving study, its patient and date (DA text as indexed), and the attempt this is (1-based).</summary>
public sealed record PriorQueryWork(string StudyInstanceUid, string PatientId, string? StudyDate, int Attempt);
