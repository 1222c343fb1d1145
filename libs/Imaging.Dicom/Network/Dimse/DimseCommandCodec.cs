using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>Encodes and decodes DIMSE command sets: group 0000 only, always Implicit VR Little Endian, led by the
/// Command Group Length (0000,0000) (PS3.7 Section 6.3.1 and Annex E).</summary>
public static class DimseCommandCodec
{
    private static readonly DicomTransferSyntax CommandSyntax = DicomTransferSyntax.ImplicitVRLittleEndian;

    /// <summary>The command's bytes, with a freshly computed group length (any (0000,0000) in the dataset is ignored).</summary>
    public static byte[] Encode(DicomDataset command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var elements = new List<DicomAttribute>(command.Count);
        foreach (var attribute in command)
        {
            if (attribute.Tag.Group != 0x0000)
                throw new ArgumentException($"{attribute.Tag} is not a command element; command sets hold group 0000 only.", nameof(command));
            if (attribute.Tag != DimseCommandTags.CommandGroupLength) elements.Add(attribute);
        }
        var groupLength = DicomDatasetWriter.MeasureAttributes(elements, CommandSyntax);
        if (groupLength > uint.MaxValue) throw new ArgumentException("The command set is too large.", nameof(command));
        elements.Insert(0, DicomElement.FromValues(DimseCommandTags.CommandGroupLength, DicomVR.UL, (uint)groupLength));
        using var stream = new MemoryStream((int)groupLength + 12);
        DicomDatasetWriter.WriteAttributes(stream, elements, CommandSyntax, DicomWriterOptions.Default);
        return stream.ToArray();
    }

    /// <summary>Parses a received command set.</summary>
    /// <exception cref="DicomNetworkProtocolException">The bytes are not a well-formed command set.</exception>
    public static DicomDataset Decode(ReadOnlyMemory<byte> encoded)
    {
        DicomDataset command;
        try
        {
            using var stream = new ReadOnlyMemoryStream(encoded);
            command = DicomFileReader.ReadDataset(stream, CommandSyntax, CommandReaderOptions);
        }
        catch (DicomFormatException ex)
        {
            throw new DicomNetworkProtocolException($"Malformed command set: {ex.Message}", AbortReason.InvalidPduParameterValue, ex);
        }
        foreach (var attribute in command)
        {
            if (attribute.Tag.Group != 0x0000)
                throw new DicomNetworkProtocolException($"Command set contains {attribute.Tag}, outside the command group 0000", AbortReason.InvalidPduParameterValue);
        }
        return command;
    }

    /// <summary>Whether a data set follows <paramref name="command"/> on the same presentation context.</summary>
    /// <exception cref="DicomNetworkProtocolException">Command Data Set Type (0000,0800) is missing or malformed.</exception>
    public static bool HasDataSet(DicomDataset command)
    {
        if (command.GetElement(DimseCommandTags.CommandDataSetType) is not { Length: 2 } element)
            throw new DicomNetworkProtocolException("Command set has no valid Command Data Set Type (0000,0800)", AbortReason.InvalidPduParameterValue);
        return element.GetValue<ushort>() != DimseCommandTags.NoDataSet;
    }

    // Command sets are small and flat; these caps make a hostile one cheap to refuse.
    private static readonly DicomReaderOptions CommandReaderOptions = new()
    {
        MaxSequenceDepth = 2,
        MaxAttributeCount = 1024,
        MaxInMemoryValueLength = 64 * 1024,
    };
}
