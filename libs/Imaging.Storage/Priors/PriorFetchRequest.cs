namespace Imaging.Storage;

/// <summary>A prior study to retrieve from <paramref name="Source"/> (a configured source's name).</summary>
/// <param name="ExpectedInstances">Number of Study Related Instances the source reported, when it did.</param>
public sealed record PriorFetchRequest(string StudyInstanceUid, string PatientId, string Source, string? StudyDate, int? ExpectedInstances);
