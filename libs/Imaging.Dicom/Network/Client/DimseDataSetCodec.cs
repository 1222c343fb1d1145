using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Encodes and decodes the small data sets of DIMSE messages (identifiers) in a presentation context's syntax.</summary>
internal static class DimseDataSetCodec
{
    // Identifiers are small; these caps keep a hostile one cheap.
    private static readonly DicomReaderOptions IdentifierOptions = new() { MaxSequenceDepth = 8, MaxAttributeCount = 65_536 };

    public static ReadOnlyMemory<byte> Encode(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        using var stream = new MemoryStream();
        DicomDatasetWriter.Write(stream, dataset, syntax);
        return stream.ToArray();
    }

    /// <exception cref="DicomNetworkProtocolException">The bytes are not a data set in <paramref name="syntax"/>.</exception>
    public static DicomDataset Decode(IDimseDataSink? sink, DicomTransferSyntax syntax)
    {
        if (sink is not DimseMemoryDataSink memory) throw new DicomNetworkProtocolException("Expected an identifier in memory", AbortReason.NotSpecified);
        try
        {
            using var stream = new ReadOnlyMemoryStream(memory.WrittenMemory);
            return DicomFileReader.ReadDataset(stream, syntax, IdentifierOptions);
        }
        catch (DicomFormatException ex)
        {
            throw new DicomNetworkProtocolException($"Malformed identifier: {ex.Message}", AbortReason.InvalidPduParameterValue, ex);
        }
    }
}
