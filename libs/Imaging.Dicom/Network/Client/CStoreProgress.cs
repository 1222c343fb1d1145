namespace Imaging.Dicom.Network;

/// <summary>How far a <see cref="DicomClient.StoreAsync(IEnumerable{string}, IProgress{CStoreProgress}?, CancellationToken)"/> call is,
/// reported after each file.</summary>
/// <param name="FilesDone">Files handled so far: sent (whatever the peer answered), refused, or unreadable.</param>
/// <param name="BytesDone">The sizes on disk of the files handled so far; <paramref name="BytesTotal"/> is that of them all.</param>
/// <param name="Last">What became of the file just handled.</param>
public sealed record CStoreProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, CStoreResult Last);
