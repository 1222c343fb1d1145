using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>PALETTE COLOR frames to 8-bit RGB through the Red/Green/Blue Palette Color LUTs (PS3.3 C.7.6.3.1.5-6),
/// plain or segmented (C.7.9.2).</summary>
internal static class PaletteColorRenderer
{
    public static byte[] Render(ReadOnlySpan<byte> samples, int pixelCount, SampleFormat format, DicomDataset dataset)
    {
        if (format.BitsStored > 16) throw new PixelDataException($"PALETTE COLOR with {format.BitsStored} bits stored; at most 16 can index a palette");
        var red = ReadChannel(dataset, DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData, DicomTags.SegmentedRedPaletteColorLookupTableData, format.Signed, "Red");
        var green = ReadChannel(dataset, DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData, DicomTags.SegmentedGreenPaletteColorLookupTableData, format.Signed, "Green");
        var blue = ReadChannel(dataset, DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData, DicomTags.SegmentedBluePaletteColorLookupTableData, format.Signed, "Blue");

        // One RGB triple per possible stored value, then one lookup per pixel.
        var levels = 1 << format.BitsStored;
        var table = new byte[levels * 3];
        for (var pattern = 0; pattern < levels; pattern++)
        {
            var value = format.ToValue((uint)pattern);
            table[3 * pattern] = ToByte(red, value);
            table[3 * pattern + 1] = ToByte(green, value);
            table[3 * pattern + 2] = ToByte(blue, value);
        }
        var output = new byte[checked(pixelCount * 3)];
        for (var i = 0; i < pixelCount; i++)
        {
            var entry = (int)format.ReadPattern(samples, i) * 3;
            output[3 * i] = table[entry];
            output[3 * i + 1] = table[entry + 1];
            output[3 * i + 2] = table[entry + 2];
        }
        return output;
    }

    /// <summary>16-bit palette entries keep their high byte: the palette spans the full range of its bits (C.7.6.3.1.6).</summary>
    private static byte ToByte(LookupTable table, long value)
    {
        var entry = table.Lookup(value);
        return table.BitsPerEntry <= 8 ? (byte)entry : (byte)(entry >> (table.BitsPerEntry - 8));
    }

    private static LookupTable ReadChannel(DicomDataset dataset, DicomTag descriptorTag, DicomTag dataTag, DicomTag segmentedTag, bool signed, string channel)
    {
        var what = $"{channel} Palette Color LUT";
        if (dataset.Contains(dataTag)) return LookupTable.Parse(dataset, descriptorTag, dataTag, signed, what);
        if (dataset.GetElement(segmentedTag) is not { } segmented)
            throw new PixelDataException($"{what}: neither {dataTag} nor segmented {segmentedTag} data is present");
        var descriptor = dataset.GetElement(descriptorTag) ?? throw new PixelDataException($"{what}: LUT Descriptor {descriptorTag} is missing");
        var descriptorBytes = descriptor.Buffer.GetMemory().Span;
        if (descriptorBytes.Length < 6) throw new PixelDataException($"{what}: LUT Descriptor {descriptorTag} holds {descriptorBytes.Length} bytes, not three values");
        var (count, first, bits) = LookupTable.ReadDescriptor(descriptorBytes, signed, what);
        var entries = SegmentedLut.Expand(segmented.Buffer.GetMemory().Span, count, bits, what);
        return LookupTable.FromEntries(first, bits, entries);
    }
}
