using System.Buffers.Binary;
using Imaging.Dicom.Data;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>A LUT described by a three-value LUT Descriptor (entries, first mapped value, bits per entry) and its data
/// (PS3.3 C.11.1.1, C.11.2.1.3, C.7.6.3.1.5): modality, VOI and palette LUTs share these rules.</summary>
internal sealed class LookupTable
{
    private LookupTable(int firstMapped, int bitsPerEntry, ushort[] entries)
    {
        FirstMapped = firstMapped;
        BitsPerEntry = bitsPerEntry;
        Entries = entries;
    }

    public int FirstMapped { get; }

    public int BitsPerEntry { get; }

    public ushort[] Entries { get; }

    public int MaximumOutput => (1 << BitsPerEntry) - 1;

    /// <summary>The entry for input <paramref name="value"/>: inputs before the first mapped value take the first
    /// entry, inputs past the last take the last.</summary>
    public ushort Lookup(long value)
    {
        var index = value - FirstMapped;
        if (index <= 0) return Entries[0];
        return index >= Entries.Length ? Entries[^1] : Entries[index];
    }

    /// <param name="firstMappedSigned">Whether the descriptor's second value is signed (the input is signed pixel data).</param>
    /// <param name="what">The LUT's name in error messages.</param>
    public static LookupTable Parse(DicomDataset item, DicomTag descriptorTag, DicomTag dataTag, bool firstMappedSigned, string what)
    {
        var descriptor = item.GetElement(descriptorTag) ?? throw new PixelDataException($"{what}: LUT Descriptor {descriptorTag} is missing");
        var descriptorBytes = descriptor.Buffer.GetMemory().Span;
        if (descriptorBytes.Length < 6)
            throw new PixelDataException($"{what}: LUT Descriptor {descriptorTag} holds {descriptorBytes.Length} bytes, not three values");
        var (entryCount, firstMapped, bits) = ReadDescriptor(descriptorBytes, firstMappedSigned, what);

        var data = item.GetElement(dataTag) ?? throw new PixelDataException($"{what}: LUT Data {dataTag} is missing");
        if (data.Length > 2L * 65536 + 2)
            throw new PixelDataException($"{what}: LUT Data {dataTag} holds {data.Length} bytes, more than any LUT may");
        return new LookupTable(firstMapped, bits, ReadEntries(data.Buffer.GetMemory().Span, entryCount, bits, what));
    }

    /// <summary>A table from already decoded entries (segmented palettes, tests).</summary>
    public static LookupTable FromEntries(int firstMapped, int bitsPerEntry, ushort[] entries)
    {
        if (entries.Length is < 1 or > 65536) throw new PixelDataException($"A LUT of {entries.Length} entries is outside 1..65536");
        if (bitsPerEntry is < 1 or > 16) throw new PixelDataException($"A LUT of {bitsPerEntry} bits per entry is outside 1..16");
        return new LookupTable(firstMapped, bitsPerEntry, entries);
    }

    public static (int EntryCount, int FirstMapped, int Bits) ReadDescriptor(ReadOnlySpan<byte> bytes, bool firstMappedSigned, string what)
    {
        var count = (int)BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        // 0 entries means 2^16: the count does not fit the 16-bit value otherwise.
        if (count == 0) count = 65536;
        var firstRaw = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]);
        int first = firstMappedSigned ? (short)firstRaw : firstRaw;
        var bits = (int)BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (bits is < 1 or > 16)
            throw new PixelDataException($"{what}: LUT Descriptor says {bits} bits per entry, outside 1..16");
        return (count, first, bits);
    }

    /// <summary>Entries stored one per 16-bit word, or (8-bit tables) one per byte; anything else is a descriptor
    /// that lies about the data.</summary>
    public static ushort[] ReadEntries(ReadOnlySpan<byte> bytes, int entryCount, int bits, string what)
    {
        var entries = new ushort[entryCount];
        var maximum = (1 << bits) - 1;
        if (bytes.Length == 2 * entryCount || (bytes.Length == 2 * entryCount + 2 && bits > 8))
        {
            var anyAbove = false;
            for (var i = 0; i < entryCount; i++)
            {
                entries[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
                anyAbove |= entries[i] > maximum;
            }
            if (anyAbove && bits == 8)
            {
                // Some writers put 8-bit entries in the high byte of each word.
                var lowBytesEmpty = true;
                foreach (var e in entries) lowBytesEmpty &= (e & 0xFF) == 0;
                if (!lowBytesEmpty) throw new PixelDataException($"{what}: LUT entries exceed the {bits} bits the descriptor gives");
                for (var i = 0; i < entryCount; i++) entries[i] >>= 8;
            }
            else if (anyAbove)
            {
                throw new PixelDataException($"{what}: LUT entries exceed the {bits} bits the descriptor gives");
            }
            return entries;
        }
        if (bits <= 8 && (bytes.Length == entryCount || bytes.Length == entryCount + 1))
        {
            // 8-bit entries packed two to a word (OW), read back as bytes in little-endian order.
            for (var i = 0; i < entryCount; i++) entries[i] = bytes[i];
            return entries;
        }
        throw new PixelDataException($"{what}: LUT Data holds {bytes.Length} bytes, the descriptor says {entryCount} entries of {bits} bits");
    }
}
