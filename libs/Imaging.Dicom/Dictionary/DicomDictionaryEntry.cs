using Imaging.Dicom.Data;

namespace Imaging.Dicom.Dictionary;

/// <summary>One data dictionary entry (PS3.6), possibly covering a repeating group range such as (60xx,3000).</summary>
/// <param name="Tag">The tag, with the repeating bits at their lowest value (e.g. 6000,3000). For a private entry the
/// element holds only the low byte (gggg,00ee), or the full element when the entry names a fixed block.</param>
/// <param name="Mask">Bits of a tag value that must equal <paramref name="Tag"/>: 0xFFFFFFFF for a plain tag,
/// 0xFF01FFFF for the even 60xx groups, 0xFFFF00FF for a private element in any block.</param>
/// <param name="VRs">One VR, or several where the standard allows a choice (US or SS, OB or OW); the first is the one
/// Implicit VR Little Endian uses. Items and delimiters have <see cref="DicomVR.None"/>.</param>
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

    /// <summary>True when the entry stands for more than one tag (a repeating group, or a private element in any block).</summary>
    public bool IsRepeating => Mask != uint.MaxValue;

    /// <summary>True when <paramref name="tag"/> is one of the tags this entry describes (ignoring the private creator).</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;
}
