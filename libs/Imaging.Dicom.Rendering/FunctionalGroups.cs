using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Rendering;

/// <summary>Finds a functional group macro for one frame of an enhanced multi-frame image: the frame's item of the
/// Per-frame Functional Groups Sequence first, then the Shared Functional Groups Sequence (PS3.3 C.7.6.16).</summary>
internal static class FunctionalGroups
{
    /// <summary>The first item of <paramref name="macro"/> (e.g. Pixel Value Transformation) that applies to
    /// <paramref name="frame"/> (0-based), or null when the image has none.</summary>
    public static DicomDataset? Find(DicomDataset dataset, int frame, DicomTag macro)
    {
        if (dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence) is { } perFrame
            && frame < perFrame.Items.Count
            && perFrame.Items[frame].GetSequence(macro) is { Items.Count: > 0 } own)
            return own.Items[0];
        if (dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared
            && shared.Items[0].GetSequence(macro) is { Items.Count: > 0 } common)
            return common.Items[0];
        return null;
    }
}
