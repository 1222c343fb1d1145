namespace Imaging.Phantoms.Spine.Dicom;

/// <summary>Identity shared by every slice of a phantom CT series.</summary>
internal sealed record CtSeriesIdentity(
    string PatientName,
    string PatientId,
    DateOnly BirthDate,
    string Sex,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string StudyId,
    string AccessionNumber,
    DateTime AcquisitionDateTime,
    string FrameOfReferenceUid);
