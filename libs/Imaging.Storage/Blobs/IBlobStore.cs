namespace Imaging.Storage;

/// <summary>Where instance files live: paths derived from hashes of validated UIDs, never from raw tag text.</summary>
public interface IBlobStore
{
    /// <summary>Folder for files still being received; on the same file system as the blobs, so keeping one is a rename.</summary>
    string IncomingDirectory { get; }

    /// <summary>Moves a complete temporary Part 10 file into place: fsync'd, renamed atomically (replacing an earlier
    /// copy of the same instance) and its directory entries fsync'd before this returns.</summary>
    /// <returns>The blob key: a relative path, stable for the same UIDs, that <see cref="GetPath"/> resolves.</returns>
    ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken);

    /// <summary>The absolute path of a stored blob; throws when the key is not one this store produced.</summary>
    string GetPath(string blobKey);

    /// <summary>Opens a stored blob for reading.</summary>
    Stream OpenRead(string blobKey);
}
