using Imaging.Dicom.Data;

namespace Imaging.Dicom.Network;

/// <summary>Answers C-FIND queries (PS3.4 C.4.1): the SCP turns each yielded record into a Pending response.</summary>
/// <remarks>The SCP fills the response identifiers from the yielded records with <see cref="DicomQueryResponseBuilder"/>,
/// so a provider returns whole records (at least the requested keys). Every response is Pending 0xFF00: records are
/// built from stored headers, where an absent optional key is simply empty, so 0xFF01 is never used. The token is
/// cancelled when the requestor sends C-CANCEL or the association ends; stop enumerating then.</remarks>
public interface ICFindProvider
{
    IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, CancellationToken cancellationToken);
}
