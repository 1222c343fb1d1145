using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting;

/// <summary>The modules every instance we derive from a source image shares: Patient and General Study copied from the
/// source, a new series, General Equipment naming us, SOP Common.</summary>
internal static class DerivedInstanceHeader
{
    // Patient and General Study attributes copied as they are; Type 2 ones are written empty when the source lacks them.
    private static readonly (DicomTag Tag, DicomVR Vr, bool Type2)[] Copied =
    [
        (DicomTags.AccessionNumber, DicomVR.SH, true),
        (DicomTags.ReferringPhysicianName, DicomVR.PN, true),
        (DicomTags.StudyDescription, DicomVR.LO, false),
        (DicomTags.PatientName, DicomVR.PN, true),
        (DicomTags.PatientID, DicomVR.LO, true),
        (DicomTags.IssuerOfPatientID, DicomVR.LO, false),
        (DicomTags.PatientBirthDate, DicomVR.DA, true),
        (DicomTags.PatientSex, DicomVR.CS, true),
        (DicomTags.StudyInstanceUID, DicomVR.UI, false),
        (DicomTags.StudyID, DicomVR.SH, true),
        (DicomTags.StudyDate, DicomVR.DA, true),
        (DicomTags.StudyTime, DicomVR.TM, true),
    ];

    /// <summary>Starts a dataset for a new instance in a new series of the source's study; the instance and series UIDs
    /// are the caller's when given (deterministic re-creation), else new random ones.</summary>
    public static DicomDataset Create(DicomDataset source, string sopClassUid, string modality, int seriesNumber, string seriesDescription,
        DateTimeOffset now, string manufacturer, string softwareVersion, string? sopInstanceUid = null, string? seriesInstanceUid = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (sopInstanceUid is not null && !DicomUidFactory.IsValid(sopInstanceUid))
            throw new ArgumentException($"SOP Instance UID '{sopInstanceUid}' is not a valid UID.", nameof(sopInstanceUid));
        if (seriesInstanceUid is not null && !DicomUidFactory.IsValid(seriesInstanceUid))
            throw new ArgumentException($"Series Instance UID '{seriesInstanceUid}' is not a valid UID.", nameof(seriesInstanceUid));
        var studyUid = source.GetSingleString(DicomTags.StudyInstanceUID);
        if (!DicomUidFactory.IsValid(studyUid))
            throw new ArgumentException($"The source's Study Instance UID '{studyUid}' is missing or invalid.", nameof(source));

        var ds = new DicomDataset();
        // Patient names may be in any character set: carry the source's declaration with them.
        if (source.GetElement(DicomTags.SpecificCharacterSet) is { } charset) ds.Set(charset);
        foreach (var (tag, vr, type2) in Copied)
        {
            if (source.GetElement(tag) is { } element) ds.Set(element);
            else if (type2) ds.Set(new DicomElement(tag, vr, DicomBuffer.FromBytes(Array.Empty<byte>())));
        }
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.ToString("HHmmss", CultureInfo.InvariantCulture);
        ds.SetString(DicomTag.SopClassUid, DicomVR.UI, sopClassUid);
        ds.SetString(DicomTag.SopInstanceUid, DicomVR.UI, sopInstanceUid ?? DicomUidFactory.Create());
        ds.SetString(DicomTags.InstanceCreationDate, DicomVR.DA, date);
        ds.SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time);
        ds.SetString(DicomTags.Modality, DicomVR.CS, modality);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, seriesInstanceUid ?? DicomUidFactory.Create());
        ds.SetString(DicomTags.SeriesNumber, DicomVR.IS, seriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.SeriesDate, DicomVR.DA, date);
        ds.SetString(DicomTags.SeriesTime, DicomVR.TM, time);
        ds.SetString(DicomTags.SeriesDescription, DicomVR.LO, seriesDescription);
        ds.SetString(DicomTags.InstanceNumber, DicomVR.IS, "1");
        ds.SetString(DicomTags.ContentDate, DicomVR.DA, date);
        ds.SetString(DicomTags.ContentTime, DicomVR.TM, time);
        ds.SetString(DicomTags.Manufacturer, DicomVR.LO, manufacturer);
        ds.SetString(DicomTags.SoftwareVersions, DicomVR.LO, softwareVersion);
        return ds;
    }
}
