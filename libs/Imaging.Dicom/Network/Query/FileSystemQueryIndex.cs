using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>A C-FIND provider over the instances a <see cref="FileSystemCStoreProvider"/> keeps: loaded by scanning its
/// folder (headers only) and kept current from its <see cref="FileSystemCStoreProvider.InstanceStored"/> event.</summary>
public sealed class FileSystemQueryIndex : ICFindProvider, ICMoveProvider, ICGetProvider, IDisposable
{
    /// <summary>Everything up to the pixel data: the bulk of an instance is never read into the index.</summary>
    private static readonly DicomReaderOptions HeaderOnly = new() { StopBeforeTag = DicomTag.PixelData };

    private readonly FileSystemCStoreProvider? _store;
    private readonly string _root;
    private readonly string _incomingDirectory;

    private FileSystemQueryIndex(FileSystemCStoreProvider? store, string root, string incomingDirectory)
    {
        _store = store;
        _root = root;
        _incomingDirectory = incomingDirectory;
    }

    /// <summary>The records, for C-MOVE and C-GET to resolve instances with.</summary>
    public InMemoryQueryIndex Index { get; } = new();

    /// <summary>Files under the store that could not be read as DICOM (left in place, not indexed).</summary>
    public int UnreadableFiles { get; private set; }

    /// <summary>Subscribes to the store first, so an instance stored during the scan is not missed (adding is idempotent).</summary>
    public static async Task<FileSystemQueryIndex> LoadAsync(FileSystemCStoreProvider store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var index = new FileSystemQueryIndex(store, store.Root, store.IncomingDirectory);
        store.InstanceStored += index.OnStored;
        return await index.ScanAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scans a folder laid out as <see cref="FileSystemCStoreProvider"/> lays it out, for a store that reports
    /// new instances through <see cref="Add"/> itself: load it before the store starts receiving, so none is missed.</summary>
    public static Task<FileSystemQueryIndex> LoadAsync(string root, string incomingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(incomingDirectory);
        return new FileSystemQueryIndex(null, Path.GetFullPath(root), Path.GetFullPath(incomingDirectory)).ScanAsync(cancellationToken);
    }

    /// <summary>Adds an instance whose header the caller has already read; adding the same instance again replaces it.</summary>
    public bool Add(DicomDataset header, string path) => Index.Add(header, path);

    private async Task<FileSystemQueryIndex> ScanAsync(CancellationToken cancellationToken)
    {
        var index = this;
        try
        {
            await Task.Run(() => index.Scan(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            index.Dispose();
            throw;
        }
        return index;
    }

    public IAsyncEnumerable<DicomDataset> FindAsync(CFindRequest request, CancellationToken cancellationToken) => Index.FindAsync(request, cancellationToken);

    public ValueTask<IReadOnlyList<string>> ResolveAsync(CRetrieveRequest request, CancellationToken cancellationToken) =>
        Index.ResolveAsync(request, cancellationToken);

    public void Dispose()
    {
        if (_store is not null) _store.InstanceStored -= OnStored;
    }

    private void Scan(CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        foreach (var path in Directory.EnumerateFiles(_root, "*.dcm", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The incoming folder holds partial uploads, never kept instances.
            if (path.StartsWith(_incomingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            if (!TryAdd(path)) UnreadableFiles++;
        }
    }

    private void OnStored(string path) => TryAdd(path);

    /// <summary>Reads the header of a file stored by someone else (another gateway on the same folder) and adds it;
    /// false when it cannot be read as DICOM or lacks its UIDs.</summary>
    public bool AddFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TryAdd(path);
    }

    private bool TryAdd(string path)
    {
        try
        {
            return Index.Add(DicomFileReader.Read(path, HeaderOnly).Dataset, path);
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
