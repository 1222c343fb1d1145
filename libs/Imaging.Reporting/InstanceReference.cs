using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting;

/// <summary>A stored instance that a Key Object Selection document points at.</summary>
public sealed record InstanceReference(string SopClassUid, string SopInstanceUid, string SeriesInstanceUid)
{
    /// <summary>The identifiers of an instance we built (a key image, a report).</summary>
    public static InstanceReference Of(DicomDataset instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(instance.GetSingleString(DicomTag.SopClassUid) ?? "", instance.GetSingleString(DicomTag.SopInstanceUid) ?? "",
            instance.GetSingleString(DicomTags.SeriesInstanceUID) ?? "");
    }

    /// <summary>Image SOP classes are referenced as IMAGE items, anything else (an SR) as COMPOSITE.</summary>
    internal bool IsImage => DicomUid.Lookup(SopClassUid).Keyword.Contains("Image", StringComparison.Ordinal);
}
