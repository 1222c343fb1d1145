namespace Imaging.Storage;

/// <summary>Where instance files live: paths derived from hashes of validated UIDs, never from raw tag text.</summary>
public interface IBlobStore
{
    /// <summary>Folder for files still being received; on the same file system as the blobs, so keeping one is a rename.</summary>
    string IncomingDirectory { get; }

    /// <summary>Moves a complete temporary Part 10 file into place: fsync'd, renamed atomically (replacing an earlier
    /// copy of the same instance) and its directory entries fsync'd before this returns.</summary>
    /// <returns>The blob key: a relative path, stable for the same UIDs, that <see cref="GetPath"/> resolves.</returns>
    ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken) =>
        PutAsync(temporaryFilePath, key, dataIsDurable: false, cancellationToken);

    /// <summary>As <see cref="PutAsync(string, InstanceKey, CancellationToken)"/>; <paramref name="dataIsDurable"/> says the
    /// caller already forced the file's data to stable storage (the SCP's receiving sink did), so only the new name is
    /// left to make durable.</summary>
    /// <remarks>The file is in place (renamed) once this method returns, before its task completes: a caller may start
    /// other work (the index commit) while the name is being made durable, and must await the task before it treats the
    /// blob as kept. Validation and rename failures are thrown from this call itself.</remarks>
    ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, bool dataIsDurable, CancellationToken cancellationToken);

    /// <summary>The blob key <see cref="PutAsync(string, InstanceKey, CancellationToken)"/> returns for these UIDs; throws
    /// when one is not a valid UID.</summary>
    string GetKey(InstanceKey key);

    /// <summary>The absolute path of a stored blob; throws when the key is not one this store produced.</summary>
    string GetPath(string blobKey);

    /// <summary>Opens a stored blob for reading.</summary>
    Stream OpenRead(string blobKey);
}
