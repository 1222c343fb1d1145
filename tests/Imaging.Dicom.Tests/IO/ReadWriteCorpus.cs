using Imaging.Dicom.Data;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Tests.IO;

/// <summary>Corpus selections and small read/write helpers shared by the read/write and interop tests.</summary>
public static class ReadWriteCorpus
{
    /// <summary>The four uncompressed syntaxes a dataset with native pixel data can be transcoded between.</summary>
    public static readonly IReadOnlyList<DicomTransferSyntax> UncompressedSyntaxes =
    [
        DicomTransferSyntax.ImplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRBigEndian,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
    ];

    /// <summary>Short names for test case display and file names.</summary>
    public static string ShortName(DicomTransferSyntax syntax) => syntax.Uid switch
    {
        "1.2.840.10008.1.2" => "ImplicitLE",
        "1.2.840.10008.1.2.1" => "ExplicitLE",
        "1.2.840.10008.1.2.2" => "ExplicitBE",
        "1.2.840.10008.1.2.1.99" => "Deflated",
        _ => syntax.Uid,
    };

    public static DicomTransferSyntax FromShortName(string name) =>
        UncompressedSyntaxes.Single(s => ShortName(s) == name);

    private static readonly Lazy<IReadOnlyList<(string File, DicomTransferSyntax Syntax, bool HasPixelData)>> Survey = new(() =>
        TestPaths.WellFormedCorpusFiles()
            .Select(f =>
            {
                // Large values stay on disk, so surveying the corpus costs little more than reading the headers.
                var file = DicomFileReader.Read(TestPaths.Corpus(f));
                return (f, file.TransferSyntax, file.Dataset.Contains(DicomTag.PixelData));
            })
            .ToList());

    /// <summary>Well-formed corpus files in an uncompressed syntax (native pixel data, or no pixel data at all).</summary>
    public static IEnumerable<string> NativeFiles() => Survey.Value.Where(s => s.Syntax.IsUncompressedNative).Select(s => s.File);

    /// <summary>Well-formed corpus files whose pixel data is native (not encapsulated).</summary>
    public static IEnumerable<string> NativePixelDataFiles() =>
        Survey.Value.Where(s => s.Syntax.IsUncompressedNative && s.HasPixelData).Select(s => s.File);

    public static DicomFile Read(string corpusFile) => DicomFileReader.Read(TestPaths.Corpus(corpusFile));

    public static byte[] WriteToBytes(DicomFile file, DicomTransferSyntax? syntax = null, DicomWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, file, syntax, options);
        return stream.ToArray();
    }

    public static DicomFile ReadBytes(byte[] bytes) => DicomFileReader.Read(new MemoryStream(bytes, writable: false));

    /// <summary>Writes <paramref name="file"/> in <paramref name="syntax"/> and reads the result back (in memory).</summary>
    public static DicomFile RoundTrip(DicomFile file, DicomTransferSyntax? syntax = null, DicomWriterOptions? options = null) =>
        ReadBytes(WriteToBytes(file, syntax, options));

    /// <summary>How to compare a dataset with its copy through <paramref name="to"/>: exactly, except for group lengths
    /// (recomputed on write); a copy through an implicit VR syntax only has the VRs our dictionary gives it.</summary>
    public static DatasetComparisonOptions OptionsFor(DicomTransferSyntax from, DicomTransferSyntax to) =>
        from.IsExplicitVR && !to.IsExplicitVR ? DatasetComparisonOptions.Transcoded : DatasetComparisonOptions.Rewritten;
}
