using Imaging.Dicom.Data;

namespace Imaging.Deidentification;

/// <summary>The dummy values of action D (PS3.15 E.1.1: "a non-zero length value that may be a dummy value and
/// consistent with the VR"): plain ASCII, so they are valid in every character set.</summary>
internal static class DummyValues
{
    /// <summary>The text used for names, descriptions and codes.</summary>
    public const string Text = "ANONYMIZED";

    /// <summary>A dummy element for <paramref name="tag"/> with <paramref name="vr"/>; null for UI (callers remap UIDs
    /// instead, so references keep resolving).</summary>
    public static DicomElement? For(DicomTag tag, DicomVR vr)
    {
        var text = vr switch
        {
            DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or
            DicomVR.UC or DicomVR.UT => Text,
            DicomVR.AS => "000Y",
            DicomVR.DA => "19000101",
            DicomVR.DT => "19000101000000",
            DicomVR.TM => "000000",
            DicomVR.DS or DicomVR.IS => "0",
            DicomVR.UR => string.Empty,
            _ => null,
        };
        if (text is not null) return DicomElement.FromString(tag, vr, text);
        if (vr == DicomVR.UI) return null;
        var unit = vr == DicomVR.AT ? 4 : DicomVRInfo.BinaryUnitSize(vr);
        // OB/OW/UN and other bulk VRs: zero length is the only value that cannot carry anything.
        if (unit == 0 || vr is DicomVR.OB or DicomVR.OW or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.UN)
            return new DicomElement(tag, vr, DicomBuffer.Empty);
        return new DicomElement(tag, vr, DicomBuffer.FromBytes(new byte[unit]));
    }
}
