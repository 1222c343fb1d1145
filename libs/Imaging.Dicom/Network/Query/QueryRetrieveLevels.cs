using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>The Query/Retrieve Level (0008,0052) codes and the unique key of each level (PS3.4 C.3).</summary>
public static class QueryRetrieveLevels
{
    public static string ToCode(this QueryRetrieveLevel level) => level switch
    {
        QueryRetrieveLevel.Patient => "PATIENT",
        QueryRetrieveLevel.Study => "STUDY",
        QueryRetrieveLevel.Series => "SERIES",
        _ => "IMAGE",
    };

    public static bool TryParse(string? code, out QueryRetrieveLevel level)
    {
        switch (code?.Trim())
        {
            case "PATIENT": level = QueryRetrieveLevel.Patient; return true;
            case "STUDY": level = QueryRetrieveLevel.Study; return true;
            case "SERIES": level = QueryRetrieveLevel.Series; return true;
            case "IMAGE": level = QueryRetrieveLevel.Image; return true;
            default: level = default; return false;
        }
    }

    /// <summary>Patient ID, Study Instance UID, Series Instance UID, SOP Instance UID.</summary>
    public static DicomTag UniqueKey(this QueryRetrieveLevel level) => level switch
    {
        QueryRetrieveLevel.Patient => DicomTags.PatientID,
        QueryRetrieveLevel.Study => DicomTags.StudyInstanceUID,
        QueryRetrieveLevel.Series => DicomTags.SeriesInstanceUID,
        _ => DicomTags.SOPInstanceUID,
    };
}
