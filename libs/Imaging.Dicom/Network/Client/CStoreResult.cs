namespace Imaging.Dicom.Network;

/// <summary>What became of one file sent by <see cref="DicomClient.StoreAsync"/>.</summary>
/// <param name="Status">The C-STORE-RSP status; null when the file was not sent (see <paramref name="Error"/>).</param>
public sealed record CStoreResult(string FilePath, string? SopInstanceUid, ushort? Status, string? Error = null)
{
    public bool IsSuccess => Status == DimseStatus.Success;
}
