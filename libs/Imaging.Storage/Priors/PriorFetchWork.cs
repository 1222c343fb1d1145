namespace Imaging.Storage;

/// <summary>A leased retrieval: the prior study, its patient, the source (configured name) to move it from, and the attempt (1-based).</summary>
public sealed record PriorFetchWork(string StudyInstanceUid, string PatientId, string Source, int? ExpectedInstances, int Attempt);
