using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>One instance known to a query index: its header attributes and, when it is on disk, where.</summary>
public sealed record IndexedInstance(DicomDataset Header, string? FilePath)
{
    public string? SopInstanceUid => Header.GetSingleString(Dictionary.DicomTags.SOPInstanceUID);
}
