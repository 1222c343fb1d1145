using Imaging.Dicom.Data;

namespace Imaging.Dicom.Dictionary;

/// <summary>One data dictionary entry (PS3.6), possibly covering a repeating group range such as (60xx,3000).</summary>
/// <param name="Tag">The tag, with the repeating nibbles zero (e.g. 6000,3000).</param>
/// <param name="Mask">Bits of the tag value that must match; 0xFFFFFFFF for a plain tag, 0xFF00FFFF for 60xx groups.</param>
/// <param name="VRs">One VR, or several where the standard allows a choice (US or SS, OB or OW).</param>
/// <param name="ValueMultiplicity">As written in the standard: "1", "1-n", "2-2n", ...</param>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint Mask,
    string Keyword,
    string Name,
    DicomVR[] VRs,
    string ValueMultiplicity,
    bool IsRetired,
    string? PrivateCreator = null)
{
    public DicomVR VR => VRs.Length > 0 ? VRs[0] : DicomVR.UN;
}
