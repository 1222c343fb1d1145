namespace Imaging.Phantoms.Truth;

/// <summary>What a follow-up changed relative to its baseline; the follow-up's lesions carry new/persistent status and
/// <see cref="Resolved"/> lists the baseline lesions that are gone (positions where they were in the baseline frame and
/// where they would be in this one).</summary>
public sealed record ComparisonTruth(
    string BaselineStudyInstanceUid,
    int DaysAfterBaseline,
    double PatientShiftXPixels,
    double PatientShiftYPixels,
    double PatientScale,
    int NewCount,
    int PersistentCount,
    int ResolvedCount,
    IReadOnlyList<LesionTruth> Resolved);
