using System.Runtime.InteropServices;

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

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
