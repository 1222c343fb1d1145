using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Imaging.Dicom.Network;

/// <summary>The fsync steps that make a file and its directory entry survive a crash.</summary>
public static class DurableFileSystem
{
    /// <summary>Forces a file's contents to stable storage.</summary>
    public static void SyncFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Forces an open file's data, and the metadata needed to read it back (its size, its blocks), to stable
    /// storage: <c>fdatasync</c> on Linux, which skips the timestamps <c>fsync</c> would also write; a full flush elsewhere.</summary>
    /// <remarks>On the writer's own handle: re-opening the file by name only to fsync it costs an open and a close.</remarks>
    public static void SyncData(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(file);
            return;
        }
        if (FdataSync(file) != 0) throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>Asks the kernel to start writing a range of an open file back to the disk now, without waiting for it
    /// (Linux <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>; nothing elsewhere). Called while an instance is still
    /// arriving, it leaves the final <see cref="SyncData"/> little but the journal commit to wait for.</summary>
    /// <remarks>A hint only: it makes nothing durable (no metadata, no device cache flush) and its failure is ignored,
    /// because <see cref="SyncData"/> still does the whole job.</remarks>
    public static void StartWriteback(SafeFileHandle file, long offset, long count)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!OperatingSystem.IsLinux() || count <= 0) return;
        _ = SyncFileRange(file, offset, count, 2 /* SYNC_FILE_RANGE_WRITE */);
    }

    /// <summary>Forces a directory's entries (a rename into it) to stable storage. .NET has no API for this, so on
    /// Unix the directory is opened and fsync'd through libc; Windows commits renames with the file system journal.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FdataSync(SafeFileHandle fd);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(SafeFileHandle fd, long offset, long count, uint flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
