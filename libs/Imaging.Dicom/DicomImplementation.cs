namespace Imaging.Dicom;

/// <summary>How this toolkit identifies itself in file meta information and association negotiation.</summary>
public static class DicomImplementation
{
    /// <summary>Implementation Class UID (a UUID-derived 2.25 UID, PS3.5 B.2), fixed for this implementation.</summary>
    public const string ClassUid = "2.25.193669780886835558119867195854623073432";

    /// <summary>Implementation Version Name (SH, at most 16 characters).</summary>
    public const string VersionName = "IMAGING_1_0";
}
