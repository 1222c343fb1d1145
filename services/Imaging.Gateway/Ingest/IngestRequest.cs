namespace Imaging.Gateway.Ingest;

/// <summary>One received Part 10 file to ingest, with what its sender claimed it is.</summary>
/// <param name="TemporaryFilePath">The complete file, in the blob store's incoming folder.</param>
/// <param name="Source">The calling AE title of a C-STORE, or the label of another source (e.g. "STOW-RS").</param>
/// <param name="IsDataDurable">The file's data is already forced to stable storage.</param>
public sealed record IngestRequest(string TemporaryFilePath, string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, string Source,
    bool IsDataDurable);
