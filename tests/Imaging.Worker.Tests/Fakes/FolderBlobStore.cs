using Imaging.Storage;

namespace Imaging.Worker.Tests.Fakes;

/// <summary>Blobs as files under one folder, keyed by their relative path; keys that leave the folder are rejected as the
/// real store rejects keys it did not produce.</summary>
public sealed class FolderBlobStore(string root) : IBlobStore
{
    public string IncomingDirectory { get; } = Path.Combine(root, "incoming");

    public string GetKey(InstanceKey key) => $"{key.StudyInstanceUid}/{key.SeriesInstanceUid}/{key.SopInstanceUid}.dcm";

    public ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, bool dataIsDurable, CancellationToken cancellationToken)
    {
        var blobKey = GetKey(key);
        var path = GetPath(blobKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(temporaryFilePath, path, overwrite: true);
        return ValueTask.FromResult(blobKey);
    }

    public string GetPath(string blobKey)
    {
        var full = Path.GetFullPath(Path.Combine(root, blobKey));
        if (Path.IsPathRooted(blobKey) || !full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{blobKey}' is not a blob key of this store.", nameof(blobKey));
        return full;
    }

    public Stream OpenRead(string blobKey) => File.OpenRead(GetPath(blobKey));
}
