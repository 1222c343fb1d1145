using System.Collections.Concurrent;

namespace Imaging.Export;

/// <summary>Writes an export into <c>OUT.partial-&lt;random&gt;</c> beside the output folder and renames it on commit, so
/// nobody ever sees half an export under the final name.</summary>
internal sealed class FolderExportSink : IExportSink
{
    private readonly string _finalPath;
    private readonly string _partialPath;
    private readonly ConcurrentDictionary<string, bool> _directories = new(StringComparer.Ordinal);
    private int _finished;

    private FolderExportSink(string finalPath, string partialPath)
    {
        _finalPath = finalPath;
        _partialPath = partialPath;
    }

    /// <summary>Checks the output folder (missing or empty) and creates the partial folder beside it.</summary>
    /// <exception cref="ExportException">The output exists and is not an empty folder.</exception>
    public static FolderExportSink Create(string finalPath)
    {
        if (File.Exists(finalPath)) throw new ExportException($"The output {finalPath} is a file; give a missing or empty folder.");
        if (Directory.Exists(finalPath) && Directory.EnumerateFileSystemEntries(finalPath).Any())
            throw new ExportException($"The output folder {finalPath} is not empty.");
        var parent = Path.GetDirectoryName(finalPath) ?? throw new ExportException($"The output {finalPath} has no parent folder.");
        try
        {
            Directory.CreateDirectory(parent);
            var partial = $"{finalPath}.partial-{Guid.NewGuid():N}";
            Directory.CreateDirectory(partial);
            return new FolderExportSink(finalPath, partial);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExportException($"Cannot write beside {finalPath}: {ex.Message}", ex);
        }
    }

    public async ValueTask WriteAsync(string relativePath, ReadOnlyMemory<byte> content, Action? written, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(_partialPath, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        // Defence in depth: the path segments are sanitised, but nothing may land outside the partial folder.
        if (!path.StartsWith(_partialPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("An export path left the output folder.");
        var directory = Path.GetDirectoryName(path)!;
        // Marked only once it exists: another worker must never skip creating a folder still being created.
        if (!_directories.ContainsKey(directory))
        {
            Directory.CreateDirectory(directory);
            _directories.TryAdd(directory, true);
        }
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, content.Length))
        {
            await RandomAccess.WriteAsync(handle, content, 0, cancellationToken).ConfigureAwait(false);
        }
        written?.Invoke();
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // An empty folder given as the output is replaced: it was checked empty before the export started.
        if (Directory.Exists(_finalPath)) Directory.Delete(_finalPath, recursive: false);
        Directory.Move(_partialPath, _finalPath);
        Interlocked.Exchange(ref _finished, 1);
        return Task.CompletedTask;
    }

    public Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            try { Directory.Delete(_partialPath, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* best effort; the runner logs the abort */ }
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(AbortAsync());
}
