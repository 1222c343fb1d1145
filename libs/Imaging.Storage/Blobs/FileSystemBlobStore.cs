using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Imaging.Dicom.Network;

namespace Imaging.Storage;

/// <summary>Keeps instance files under a root folder at <c>h(study)/h(series)/h(sop).dcm</c>, where h is the first 16 bytes
/// of the SHA-256 of the UID in lowercase hex: the same layout as <see cref="FileSystemCStoreProvider"/>, so data folders it
/// wrote stay readable.</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const string IncomingFolderName = ".incoming";
    private const int HashLength = 32;
    private const string Extension = ".dcm";

    /// <summary>Beyond this many remembered folders the memory is dropped; the only cost is one more fsync per folder.</summary>
    private const int MaximumRememberedDirectories = 100_000;

    /// <summary>Folders whose own entry in their parent is known to be on disk. A folder enters only after a thread fsync'd
    /// its parent while it existed, so a second writer racing into a folder created a moment ago still fsyncs the parent
    /// itself instead of trusting the creator to have done it already.</summary>
    private readonly ConcurrentDictionary<string, byte> _durableDirectories = new(StringComparer.Ordinal);

    /// <summary>The series folder's fsync after each rename, shared between instances renamed into it concurrently.</summary>
    private readonly DirectorySyncGroup _seriesSyncs = new();

    /// <summary>Creates the root and its incoming folder when missing.</summary>
    public FileSystemBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        EnsureDurableDirectory(Root);
        IncomingDirectory = Path.Combine(Root, IncomingFolderName);
        EnsureDurableDirectory(IncomingDirectory);
    }

    /// <summary>The folder holding the blobs.</summary>
    public string Root { get; }

    /// <summary>Inside the root, so keeping a received file is a rename on one file system.</summary>
    public string IncomingDirectory { get; }

    /// <summary>The blob key for these UIDs (a relative path with forward slashes); throws when a UID is not valid.</summary>
    public static string GetKey(InstanceKey key) => KeyOf(key);

    string IBlobStore.GetKey(InstanceKey key) => KeyOf(key);

    private static string KeyOf(InstanceKey key)
    {
        RequireValidUid(key.StudyInstanceUid, nameof(key.StudyInstanceUid));
        RequireValidUid(key.SeriesInstanceUid, nameof(key.SeriesInstanceUid));
        RequireValidUid(key.SopInstanceUid, nameof(key.SopInstanceUid));
        return $"{Hash(key.StudyInstanceUid)}/{Hash(key.SeriesInstanceUid)}/{Hash(key.SopInstanceUid)}{Extension}";
    }

    /// <remarks>The caller's file should be in <see cref="IncomingDirectory"/>: a rename from another file system is a
    /// copy, which is neither atomic nor covered by the fsync of the source.</remarks>
    public ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, CancellationToken cancellationToken) =>
        PutAsync(temporaryFilePath, key, dataIsDurable: false, cancellationToken);

    public ValueTask<string> PutAsync(string temporaryFilePath, InstanceKey key, bool dataIsDurable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(temporaryFilePath);
        cancellationToken.ThrowIfCancellationRequested();
        var blobKey = KeyOf(key);
        var destination = GetPath(blobKey);
        var seriesDirectory = Path.GetDirectoryName(destination)!;

        // The content must be on disk before the name that points at it, or a crash could leave a complete-looking
        // name over missing data.
        if (!dataIsDurable) DurableFileSystem.SyncFile(temporaryFilePath);
        EnsureDurableDirectory(Path.GetDirectoryName(seriesDirectory)!);
        EnsureDurableDirectory(seriesDirectory);
        // A resent instance replaces the earlier copy in one step: rename(2) over an existing file is atomic.
        File.Move(temporaryFilePath, destination, overwrite: true);
        return AwaitNameAsync(_seriesSyncs.SyncAsync(seriesDirectory), blobKey);
    }

    private static async ValueTask<string> AwaitNameAsync(Task sync, string blobKey)
    {
        await sync.ConfigureAwait(false);
        return blobKey;
    }

    public string GetPath(string blobKey)
    {
        if (!IsWellFormedKey(blobKey)) throw new ArgumentException($"'{blobKey}' is not a blob key of this store.", nameof(blobKey));
        return Path.Combine(Root, blobKey[..HashLength], blobKey.Substring(HashLength + 1, HashLength), blobKey[(2 * HashLength + 2)..]);
    }

    public Stream OpenRead(string blobKey) =>
        new FileStream(GetPath(blobKey), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);

    /// <summary>Exactly <c>hex32/hex32/hex32.dcm</c> in lowercase: nothing else (no <c>..</c>, no rooted path, no other
    /// separator) can reach the file system.</summary>
    public static bool IsWellFormedKey(string? blobKey)
    {
        const int length = 3 * HashLength + 2 + 4;
        if (blobKey is null || blobKey.Length != length) return false;
        if (blobKey[HashLength] != '/' || blobKey[2 * HashLength + 1] != '/') return false;
        if (!blobKey.EndsWith(Extension, StringComparison.Ordinal)) return false;
        return IsLowerHex(blobKey.AsSpan(0, HashLength))
            && IsLowerHex(blobKey.AsSpan(HashLength + 1, HashLength))
            && IsLowerHex(blobKey.AsSpan(2 * HashLength + 2, HashLength));
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        }
        return true;
    }

    /// <summary>Creates the folder when missing and makes its entry in the parent durable, once per folder.</summary>
    private void EnsureDurableDirectory(string directory)
    {
        if (_durableDirectories.ContainsKey(directory)) return;
        Directory.CreateDirectory(directory);
        var parent = Path.GetDirectoryName(directory);
        if (parent is not null) DurableFileSystem.SyncDirectory(parent);
        if (_durableDirectories.Count >= MaximumRememberedDirectories) _durableDirectories.Clear();
        _durableDirectories.TryAdd(directory, 0);
    }

    private static void RequireValidUid(string uid, string name)
    {
        if (!DicomUidValidator.IsValid(uid)) throw new ArgumentException($"{name} '{uid}' is not a valid UID ([0-9.], at most 64 characters).", name);
    }

    private static string Hash(string uid) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(uid)).AsSpan(0, 16));
}
