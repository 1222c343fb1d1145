namespace Imaging.Gateway.Priors;

/// <summary>A study a source reported for the patient: what planning needs of its C-FIND response.</summary>
/// <param name="StudyDate">DA text as returned (may be absent or malformed: the PACS is not trusted).</param>
/// <param name="Modalities">Modalities in study (from the study-level response, or collected at series level when the
/// PACS did not return them); empty when unknown.</param>
/// <param name="NumberOfInstances">Number of Study Related Instances, when returned.</param>
/// <param name="PatientId">Patient ID as returned, when returned.</param>
public sealed record PriorStudyMatch(string Source, string StudyInstanceUid, string? StudyDate, IReadOnlySet<string> Modalities, int? NumberOfInstances,
    string? PatientId);
