using System.IO.Compression;
using System.Threading.Channels;

namespace Imaging.Export;

/// <summary>Writes an export as a ZIP: a temporary file beside the target, renamed on commit. One writer task
/// serialises the entries (a ZIP is one stream); workers hand it finished files through a bounded channel.</summary>
internal sealed class ZipExportSink : IExportSink
{
    private readonly string _finalPath;
    private readonly string _temporaryPath;
    private readonly FileStream _file;
    private readonly ZipArchive _archive;
    private readonly CompressionLevel _level;
    private readonly DateTimeOffset _entryTime;
    private readonly Channel<Entry> _entries = Channel.CreateBounded<Entry>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly Task _writer;
    private readonly CancellationTokenSource _stop = new();
    private int _finished;

    private readonly record struct Entry(string Path, ReadOnlyMemory<byte> Content, Action? Written);

    private ZipExportSink(string finalPath, string temporaryPath, FileStream file, bool deflate, DateTimeOffset entryTime)
    {
        _finalPath = finalPath;
        _temporaryPath = temporaryPath;
        _file = file;
        _archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
        _level = deflate ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        _entryTime = entryTime;
        _writer = Task.Run(() => WriteEntriesAsync(_stop.Token));
    }

    /// <summary>Checks the target (must not exist), creates its folder when missing and opens the temporary file beside it.</summary>
    /// <param name="entryTime">The time stamped on every entry, so the same export gives the same entries.</param>
    /// <exception cref="ExportException">The ZIP exists or cannot be written there.</exception>
    public static ZipExportSink Create(string finalPath, bool deflate, DateTimeOffset entryTime)
    {
        if (File.Exists(finalPath) || Directory.Exists(finalPath)) throw new ExportException($"The output {finalPath} already exists.");
        var parent = Path.GetDirectoryName(finalPath) ?? throw new ExportException($"The output {finalPath} has no parent folder.");
        var temporary = $"{finalPath}.partial-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(parent);
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1024 * 1024);
            return new ZipExportSink(finalPath, temporary, file, deflate, entryTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExportException($"Cannot write beside {finalPath}: {ex.Message}", ex);
        }
    }

    public async ValueTask WriteAsync(string relativePath, ReadOnlyMemory<byte> content, Action? written, CancellationToken cancellationToken)
    {
        try
        {
            await _entries.Writer.WriteAsync(new Entry(relativePath, content, written), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            throw new IOException("Writing the ZIP failed: " + ex.InnerException.Message, ex.InnerException);
        }
    }

    private async Task WriteEntriesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var entry in _entries.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var zipEntry = _archive.CreateEntry(entry.Path, _level);
                zipEntry.LastWriteTime = _entryTime;
                await using (var stream = await zipEntry.OpenAsync(cancellationToken).ConfigureAwait(false))
                {
                    await stream.WriteAsync(entry.Content, cancellationToken).ConfigureAwait(false);
                }
                entry.Written?.Invoke();
            }
        }
        catch (Exception ex)
        {
            // Later writers fail fast instead of waiting on a full channel nobody reads.
            _entries.Writer.TryComplete(ex);
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        _entries.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _archive.DisposeAsync().ConfigureAwait(false);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporaryPath, _finalPath, overwrite: false);
        Interlocked.Exchange(ref _finished, 1);
    }

    public async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return;
        _entries.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _writer.ConfigureAwait(false); }
        catch (Exception) { /* the cause is already on its way to the caller */ }
        try { await _archive.DisposeAsync().ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException) { /* being deleted anyway */ }
        await _file.DisposeAsync().ConfigureAwait(false);
        try { File.Delete(_temporaryPath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* best effort; the runner logs the abort */ }
    }

    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
