namespace Imaging.Dicom.Network;

/// <summary>The Query/Retrieve information model a request is made in (PS3.4 C.6.1 Patient Root, C.6.2 Study Root).</summary>
public enum QueryInformationModel
{
    PatientRoot,
    StudyRoot,
}
