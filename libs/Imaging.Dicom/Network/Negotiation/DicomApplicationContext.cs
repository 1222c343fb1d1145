namespace Imaging.Dicom.Network;

/// <summary>The DICOM application context (PS3.7 Annex A.2): the only one the standard defines.</summary>
public static class DicomApplicationContext
{
    public const string Name = "1.2.840.10008.3.1.1.1";
}
