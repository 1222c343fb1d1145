using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Streams a C-STORE data set into a temporary Part 10 file as its PDVs arrive: the preamble and meta group
/// are written first, then the received bytes unchanged, so nothing is ever re-encoded or held whole in memory.</summary>
/// <remarks>Disposing deletes the file unless it was moved away: an aborted transfer leaves nothing behind.</remarks>
public sealed class CStoreTemporaryFileSink : IDimseDataSink
{
    private readonly FileStream _file;
    private bool _closed;

    private CStoreTemporaryFileSink(FileStream file, string path)
    {
        _file = file;
        FilePath = path;
    }

    public string FilePath { get; }

    public bool IsComplete { get; private set; }

    public long DataSetLength { get; private set; }

    /// <summary>Creates the file in <paramref name="directory"/> and writes the preamble and meta group.</summary>
    public static async ValueTask<CStoreTemporaryFileSink> CreateAsync(string directory, string? sopClassUid, string? sopInstanceUid,
        DicomTransferSyntax transferSyntax, string? sourceAETitle, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.part");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 256 * 1024, FileOptions.None);
        var sink = new CStoreTemporaryFileSink(file, path);
        try
        {
            await file.WriteAsync(BuildHeader(sopClassUid, sopInstanceUid, transferSyntax, sourceAETitle), cancellationToken).ConfigureAwait(false);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static byte[] BuildHeader(string? sopClassUid, string? sopInstanceUid, DicomTransferSyntax transferSyntax, string? sourceAETitle)
    {
        var seed = new DicomDataset();
        if (!string.IsNullOrEmpty(sopClassUid)) seed.SetString(DicomTag.MediaStorageSopClassUid, DicomVR.UI, sopClassUid);
        if (!string.IsNullOrEmpty(sopInstanceUid)) seed.SetString(DicomTag.MediaStorageSopInstanceUid, DicomVR.UI, sopInstanceUid);
        if (!string.IsNullOrEmpty(sourceAETitle)) seed.SetString(DicomTag.SourceApplicationEntityTitle, DicomVR.AE, sourceAETitle);
        var meta = DicomFileWriter.BuildMeta(new DicomFile(seed, new DicomDataset(), transferSyntax), transferSyntax);
        using var header = new MemoryStream(1024);
        // The preamble is zeroed (PS3.10 7.1): a stored file must never carry bytes a peer chose there.
        header.Write(new byte[128]);
        header.Write("DICM"u8);
        DicomDatasetWriter.WriteAttributes(header, meta, DicomTransferSyntax.ExplicitVRLittleEndian, DicomWriterOptions.Default);
        return header.ToArray();
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        DataSetLength += fragment.Length;
    }

    /// <summary>Flushes and closes the file so the provider can fsync and move it.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
        IsComplete = true;
    }

    private async ValueTask CloseAsync()
    {
        if (_closed) return;
        _closed = true;
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        try
        {
            File.Delete(FilePath);
        }
        catch (IOException)
        {
            // Deleting is best effort: a leftover .part file is never mistaken for a stored instance.
        }
    }
}
