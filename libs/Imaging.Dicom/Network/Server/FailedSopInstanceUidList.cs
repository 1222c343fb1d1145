using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Network;

/// <summary>The identifier of a final C-MOVE or C-GET response that reports failed sub-operations: the Failed SOP
/// Instance UID List (0008,0058), PS3.4 C.4.2.1.4 and C.4.3.1.3.</summary>
internal static class FailedSopInstanceUidList
{
    /// <summary>An explicit VR UI value has a 16-bit length; a list that would not fit is cut there (the counts in the
    /// command still give the true number), since the identifier may have to travel in explicit VR.</summary>
    private const int MaximumValueLength = 0xFFFE;

    /// <returns>Null when there is nothing to list: the response then carries no data set.</returns>
    public static DicomDataset? Build(IReadOnlyList<string> sopInstanceUids, out bool truncated)
    {
        truncated = false;
        if (sopInstanceUids.Count == 0) return null;
        var kept = new List<string>(sopInstanceUids.Count);
        var length = 0;
        foreach (var uid in sopInstanceUids)
        {
            var added = uid.Length + (kept.Count == 0 ? 0 : 1);
            // UI values are padded to even length with one NUL.
            if (length + added + ((length + added) & 1) > MaximumValueLength)
            {
                truncated = true;
                break;
            }
            kept.Add(uid);
            length += added;
        }
        var identifier = new DicomDataset();
        identifier.SetString(DicomTags.FailedSOPInstanceUIDList, DicomVR.UI, [.. kept]);
        return identifier;
    }
}
