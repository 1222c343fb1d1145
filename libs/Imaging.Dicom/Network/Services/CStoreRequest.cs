using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>A received C-STORE, its data set already on disk as a complete Part 10 file.</summary>
/// <param name="TemporaryFilePath">Zeroed preamble, meta group, then the data set exactly as received. The provider
/// may move it; whatever is left at this path after the provider returns is deleted.</param>
/// <param name="SopClassUid">Affected SOP Class UID from the command (not yet checked against the data set).</param>
/// <param name="SopInstanceUid">Affected SOP Instance UID from the command (not yet checked against the data set).</param>
/// <param name="TransferSyntax">The presentation context's transfer syntax: the data set's encoding.</param>
public sealed record CStoreRequest(
    string TemporaryFilePath,
    string SopClassUid,
    string SopInstanceUid,
    DicomTransferSyntax TransferSyntax,
    ushort MessageId,
    DicomAssociationContext Association)
{
    /// <summary>The file's data (and the metadata to read it back) is already on stable storage: the provider has only
    /// its new name left to make durable. False: the provider must sync the file itself.</summary>
    public bool IsDataDurable { get; init; }
}
