using Imaging.Dicom.IO;

namespace Imaging.Reporting;

/// <summary>Writes a Part 10 file asynchronously: encoded in memory (our instances are small), then written beside the
/// target and renamed into place so a reader never sees half a file.</summary>
internal static class Part10Output
{
    public static async Task WriteAsync(string path, DicomFile file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, file);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
