using System.Buffers;
using System.Diagnostics;
using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Microsoft.Win32.SafeHandles;

namespace Imaging.Dicom.Network;

/// <summary>Streams a C-STORE data set into a temporary Part 10 file as its PDVs arrive: the preamble and meta group
/// are written first, then the received bytes unchanged, so nothing is ever re-encoded or held whole in memory.</summary>
/// <remarks>Disposing deletes the file unless it was moved away: an aborted transfer leaves nothing behind.</remarks>
public sealed class CStoreTemporaryFileSink : IDimseDataSink
{
    /// <summary>Received bytes are gathered into writes of this size: a P-DATA PDU carries 16-64 KiB, and one system call
    /// per fragment would cost more than the copy.</summary>
    private const int WriteBufferSize = 128 * 1024;

    /// <summary>How much may pile up in the page cache before its write-back is started (durable sinks only): an instance
    /// is then mostly on its way to the disk by the time its last PDV arrives.</summary>
    private const long WritebackChunk = 256 * 1024;

    private readonly SafeFileHandle _file;
    private readonly bool _durable;
    private byte[]? _buffer;
    private int _buffered;
    private long _written;
    private long _writebackStarted;
    private bool _closed;

    private CStoreTemporaryFileSink(SafeFileHandle file, string path, bool durable)
    {
        _file = file;
        FilePath = path;
        _durable = durable;
        _buffer = ArrayPool<byte>.Shared.Rent(WriteBufferSize);
    }

    public string FilePath { get; }

    public bool IsComplete { get; private set; }

    /// <summary>True once <see cref="CompleteAsync"/> has forced the file's data to stable storage (a durable sink): the
    /// provider only has to make its new name durable.</summary>
    public bool IsDurable { get; private set; }

    public long DataSetLength { get; private set; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the last fragment was written, before the file was synced and
    /// closed: where the SCP's own share of a C-STORE starts.</summary>
    public long LastFragmentTimestamp { get; private set; }

    /// <summary>Creates the file in <paramref name="directory"/> and writes the preamble and meta group.</summary>
    /// <param name="durable">Start write-back while data arrives and fdatasync the file in <see cref="CompleteAsync"/>,
    /// on this sink's own handle (see <see cref="IsDurable"/>).</param>
    public static ValueTask<CStoreTemporaryFileSink> CreateAsync(string directory, string? sopClassUid, string? sopInstanceUid,
        DicomTransferSyntax transferSyntax, string? sourceAETitle, CancellationToken cancellationToken) =>
        CreateAsync(directory, sopClassUid, sopInstanceUid, transferSyntax, sourceAETitle, durable: false, cancellationToken);

    /// <inheritdoc cref="CreateAsync(string, string?, string?, DicomTransferSyntax, string?, CancellationToken)"/>
    public static async ValueTask<CStoreTemporaryFileSink> CreateAsync(string directory, string? sopClassUid, string? sopInstanceUid,
        DicomTransferSyntax transferSyntax, string? sourceAETitle, bool durable, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.part");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None);
        var sink = new CStoreTemporaryFileSink(file, path, durable);
        try
        {
            await sink.WriteCoreAsync(BuildHeader(sopClassUid, sopInstanceUid, transferSyntax, sourceAETitle), cancellationToken).ConfigureAwait(false);
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
        await WriteCoreAsync(fragment, cancellationToken).ConfigureAwait(false);
        DataSetLength += fragment.Length;
    }

    private ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_closed, this);
        // Plain synchronous writes into the page cache: the file is not opened for asynchronous I/O, and an "async"
        // write on such a handle is the same write queued to the thread pool, paid with a hop per fragment.
        var span = data.Span;
        while (!span.IsEmpty)
        {
            var take = Math.Min(span.Length, WriteBufferSize - _buffered);
            span[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            span = span[take..];
            if (_buffered == WriteBufferSize) Flush();
        }
        return ValueTask.CompletedTask;
    }

    private void Flush()
    {
        if (_buffered == 0) return;
        RandomAccess.Write(_file, _buffer.AsSpan(0, _buffered), _written);
        _written += _buffered;
        _buffered = 0;
        if (_durable && _written - _writebackStarted >= WritebackChunk)
        {
            DurableFileSystem.StartWriteback(_file, _writebackStarted, _written - _writebackStarted);
            _writebackStarted = _written;
        }
    }

    /// <summary>Writes what is buffered and closes the file so the provider can move it; a durable sink fdatasyncs it first.</summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LastFragmentTimestamp = Stopwatch.GetTimestamp();
        Flush();
        if (_durable)
        {
            DurableFileSystem.SyncData(_file);
            IsDurable = true;
        }
        Close();
        IsComplete = true;
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        _file.Dispose();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        try
        {
            File.Delete(FilePath);
        }
        catch (IOException)
        {
            // Deleting is best effort: a leftover .part file is never mistaken for a stored instance.
        }
        return ValueTask.CompletedTask;
    }
}
