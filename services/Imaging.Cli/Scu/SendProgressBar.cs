using System.Globalization;
using Imaging.Dicom.Network;

namespace Imaging.Cli.Scu;

/// <summary>The one-line progress bar of `imaging send`: files and megabytes done out of the whole send, redrawn in
/// place with a carriage return after each file the client reports.</summary>
/// <remarks>A send spans several associations; each reports from zero, so the groups already done are added on.</remarks>
internal sealed class SendProgressBar(TextWriter error, int totalFiles, long totalBytes) : IProgress<CStoreProgress>
{
    private const int Width = 30;

    private int _filesBefore;
    private long _bytesBefore;
    private int _lastLength;

    /// <summary>The next association starts: what the previous ones handled is done for good.</summary>
    public void NextGroup(int files, long bytes)
    {
        _filesBefore += files;
        _bytesBefore += bytes;
    }

    public void Report(CStoreProgress value) => Show(_filesBefore + value.FilesDone, _bytesBefore + value.BytesDone);

    public void Show(int files, long bytes)
    {
        // Bytes drive the bar when there are any: one large file weighs more than many small ones.
        var fraction = totalBytes > 0 ? (double)bytes / totalBytes : (double)files / Math.Max(1, totalFiles);
        var filled = (int)Math.Clamp(fraction * Width, 0, Width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {files}/{totalFiles} files, {Megabytes(bytes)}/{Megabytes(totalBytes)} MB");
        // Pad over whatever a longer previous line left behind.
        error.Write($"\r{line.PadRight(_lastLength)}");
        error.Flush();
        _lastLength = line.Length;
    }

    public void Clear()
    {
        if (_lastLength == 0) return;
        error.Write($"\r{new string(' ', _lastLength)}\r");
        error.Flush();
        _lastLength = 0;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
