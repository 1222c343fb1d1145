using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Tests.Interop;

/// <summary>A test that needs the generated data dictionary (implicit VR files read with real VRs); skipped while the
/// bootstrap dictionary knows no tags, and run without any change once it does.</summary>
public sealed class DictionaryFactAttribute : FactAttribute
{
    public DictionaryFactAttribute()
    {
        if (!DictionaryIsLoaded) Skip = "needs the generated data dictionary (the bootstrap one knows no tags)";
    }

    /// <summary>Whether the dictionary knows a few tags every DICOM dictionary has.</summary>
    public static bool DictionaryIsLoaded =>
        DicomDictionary.Find(new DicomTag(0x0028, 0x0010))?.VR == DicomVR.US &&
        DicomDictionary.Find(new DicomTag(0x0010, 0x0010))?.VR == DicomVR.PN;
}
