namespace Imaging.Api.Workspace;

/// <summary>Body of <c>GET /api/patients/{patientId}/comparison</c>: two timepoints and what changed between them, by
/// the bone-scan and the spine analyses (each null when the two studies lack that analyzer's findings).</summary>
public sealed record ComparisonResponse(
    string PatientId,
    ComparedStudy Baseline,
    ComparedStudy Followup,
    int? IntervalDays,
    BoneScanComparisonView? BoneScan,
    SpineComparisonView? Spine);

/// <summary>One timepoint of a comparison.</summary>
public sealed record ComparedStudy(string StudyInstanceUid, string? StudyDate, string? StudyDescription);
