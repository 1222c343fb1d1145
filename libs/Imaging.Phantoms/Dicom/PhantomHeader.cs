using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Phantoms.Dicom;

/// <summary>The general study, series, equipment and SOP common attributes every phantom instance carries, so the NM, CT
/// and MR phantoms describe themselves the same way and differ only where their modality does.</summary>
internal static class PhantomHeader
{
    /// <summary>Sets SOP class and instance, the four date/time pairs (all the acquisition moment), accession, modality,
    /// equipment, institution and descriptions.</summary>
    public static void SetCommon(DicomDataset ds, string sopClassUid, string sopInstanceUid, string date, string time,
        string accessionNumber, string modality, string studyDescription, string seriesDescription, string modelName)
    {
        ds.SetString(DicomTags.InstanceCreationDate, DicomVR.DA, date);
        ds.SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time);
        ds.SetString(DicomTags.SOPClassUID, DicomVR.UI, sopClassUid);
        ds.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, sopInstanceUid);
        ds.SetString(DicomTags.StudyDate, DicomVR.DA, date);
        ds.SetString(DicomTags.SeriesDate, DicomVR.DA, date);
        ds.SetString(DicomTags.AcquisitionDate, DicomVR.DA, date);
        ds.SetString(DicomTags.ContentDate, DicomVR.DA, date);
        ds.SetString(DicomTags.StudyTime, DicomVR.TM, time);
        ds.SetString(DicomTags.SeriesTime, DicomVR.TM, time);
        ds.SetString(DicomTags.AcquisitionTime, DicomVR.TM, time);
        ds.SetString(DicomTags.ContentTime, DicomVR.TM, time);
        ds.SetString(DicomTags.AccessionNumber, DicomVR.SH, accessionNumber);
        ds.SetString(DicomTags.Modality, DicomVR.CS, modality);
        ds.SetString(DicomTags.Manufacturer, DicomVR.LO, "Imaging Phantoms");
        ds.SetString(DicomTags.InstitutionName, DicomVR.LO, "Synthetic Phantom Hospital");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        ds.SetString(DicomTags.StudyDescription, DicomVR.LO, studyDescription);
        ds.SetString(DicomTags.SeriesDescription, DicomVR.LO, seriesDescription);
        ds.SetString(DicomTags.ManufacturerModelName, DicomVR.LO, modelName);
    }
}
