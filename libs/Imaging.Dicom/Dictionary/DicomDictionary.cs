using Imaging.Dicom.Data;

namespace Imaging.Dicom.Dictionary;

/// <summary>Looks tags up in the generated data dictionary (bootstrap version; replaced by the generator's).</summary>
public static class DicomDictionary
{
    public static DicomDictionaryEntry? Find(DicomTag tag) => null;

    public static DicomDictionaryEntry? FindPrivate(string creator, DicomTag tag) => null;

    public static DicomDictionaryEntry? FindByKeyword(string keyword) => null;

    /// <summary>The VR an implicit VR reader uses for <paramref name="tag"/>: the dictionary's first choice, UL for group
    /// lengths, LO for private creators, UN when unknown.</summary>
    public static DicomVR GetImplicitVR(DicomTag tag, string? privateCreator = null)
    {
        if (tag.IsGroupLength) return DicomVR.UL;
        if (tag.IsPrivateCreator) return DicomVR.LO;
        var entry = tag.IsPrivate && privateCreator is not null ? FindPrivate(privateCreator, tag) : Find(tag);
        return entry?.VR ?? DicomVR.UN;
    }
}
