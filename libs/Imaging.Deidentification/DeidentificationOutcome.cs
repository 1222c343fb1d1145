namespace Imaging.Deidentification;

/// <summary>What <see cref="IDeidentifier.Deidentify"/> did to one instance: the identifiers it now carries (for the
/// export's folder tree and manifest), or the reason it was quarantined.</summary>
/// <param name="PatientId">The pseudonymous patient ID (also when quarantined: the manifest lists quarantined items by
/// pseudonyms, never by the original identifiers).</param>
/// <param name="StudyInstanceUid">The study UID now in the dataset (the remapped one when quarantined).</param>
/// <param name="SeriesInstanceUid">The series UID now in the dataset (the remapped one when quarantined).</param>
/// <param name="SopInstanceUid">The SOP instance UID now in the dataset (the remapped one when quarantined).</param>
/// <param name="SopClassUid">The SOP class UID (never changed).</param>
/// <param name="QuarantineReason">Null when exported; otherwise why not (e.g. "burned-in annotation: YES").</param>
public sealed record DeidentificationOutcome(
    string PatientId,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    string? QuarantineReason)
{
    /// <summary>True when the instance must not be exported.</summary>
    public bool Quarantined => QuarantineReason is not null;
}
