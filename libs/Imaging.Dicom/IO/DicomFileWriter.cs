using Imaging.Dicom.Data;

namespace Imaging.Dicom.IO;

/// <summary>Writes Part 10 files: a zeroed 128-byte preamble, "DICM", the meta group, then the dataset.</summary>
public static class DicomFileWriter
{
    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/> in <paramref name="syntax"/> (default: the file's own).</summary>
    /// <remarks>Writes a temporary file beside the target and renames it into place, so a reader never sees half a
    /// file and a dataset whose large values still live in the target file can be written back over it.</remarks>
    public static void Write(string path, DicomFile file, DicomTransferSyntax? syntax = null, DicomWriterOptions? options = null)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                Write(stream, file, syntax, options);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void Write(Stream output, DicomFile file, DicomTransferSyntax? syntax = null, DicomWriterOptions? options = null)
    {
        syntax ??= file.TransferSyntax;
        options ??= DicomWriterOptions.Default;
        if (syntax.Uid != file.TransferSyntax.Uid && (syntax.IsEncapsulated || file.TransferSyntax.IsEncapsulated) && file.Dataset.Contains(DicomTag.PixelData))
            throw new InvalidOperationException($"Transcoding pixel data from {file.TransferSyntax.Name} to {syntax.Name} needs a pixel codec.");

        // The preamble is always zeroed: a preamble is a place where a file can smuggle an executable (PS3.10 7.5).
        Span<byte> prefix = stackalloc byte[132];
        prefix.Clear();
        "DICM"u8.CopyTo(prefix[128..]);
        // Streams that already buffer (or are memory) gain nothing from another 64 KiB buffer per file.
        var buffered = output is BufferedStream or FileStream or MemoryStream ? output : new BufferedStream(output, 64 * 1024);
        buffered.Write(prefix);
        var meta = BuildMeta(file, syntax);
        DicomDatasetWriter.WriteAttributes(buffered, meta, DicomTransferSyntax.ExplicitVRLittleEndian, options);
        DicomDatasetWriter.Write(buffered, file.Dataset, syntax, options with { OmitFileMetaElements = true });
        buffered.Flush();
    }

    /// <summary>The meta group to write: the file's own elements, with version, SOP identifiers, syntax, implementation
    /// and group length made consistent with what is being written.</summary>
    public static DicomDataset BuildMeta(DicomFile file, DicomTransferSyntax syntax)
    {
        var meta = new DicomDataset();
        foreach (var a in file.FileMetaInformation)
            if (a.Tag.Group == 0x0002 && !a.Tag.IsGroupLength) meta.Set(a);
        meta.Set(new DicomElement(DicomTag.FileMetaInformationVersion, DicomVR.OB, DicomBuffer.FromBytes(new byte[] { 0x00, 0x01 })));
        CopyIfMissing(meta, DicomTag.MediaStorageSopClassUid, file.Dataset, DicomTag.SopClassUid);
        CopyIfMissing(meta, DicomTag.MediaStorageSopInstanceUid, file.Dataset, DicomTag.SopInstanceUid);
        meta.SetString(DicomTag.TransferSyntaxUid, DicomVR.UI, syntax.Uid);
        meta.SetString(DicomTag.ImplementationClassUid, DicomVR.UI, DicomImplementation.ClassUid);
        meta.SetString(DicomTag.ImplementationVersionName, DicomVR.SH, DicomImplementation.VersionName);
        var length = DicomDatasetWriter.MeasureAttributes(meta, DicomTransferSyntax.ExplicitVRLittleEndian);
        meta.Set(DicomElement.FromValues(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, (uint)length));
        return meta;
    }

    private static void CopyIfMissing(DicomDataset meta, DicomTag metaTag, DicomDataset dataset, DicomTag source)
    {
        if (meta.Contains(metaTag)) return;
        if (dataset.GetElement(source) is { } e) meta.Set(new DicomElement(metaTag, DicomVR.UI, e.Buffer));
    }
}
