namespace Imaging.Storage.DicomWeb;

/// <summary>The index columns a QIDO-RS search can match on; each names the DICOM attribute it holds.</summary>
public enum QidoAttribute
{
    PatientName,
    PatientId,
    PatientBirthDate,
    PatientSex,
    StudyInstanceUid,
    StudyDate,
    StudyTime,
    AccessionNumber,
    StudyId,
    StudyDescription,
    /// <summary>Matches a study when any of its series' Modality matches.</summary>
    ModalitiesInStudy,
    SeriesInstanceUid,
    Modality,
    SeriesNumber,
    SeriesDescription,
    BodyPartExamined,
    SopInstanceUid,
    SopClassUid,
    InstanceNumber,
}
