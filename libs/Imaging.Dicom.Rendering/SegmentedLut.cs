using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>Expands Segmented Palette Color LUT Data (PS3.3 C.7.9.2): discrete, linear and indirect segments of
/// 16-bit words into a plain table.</summary>
internal static class SegmentedLut
{
    private const ushort Discrete = 0;
    private const ushort Linear = 1;
    private const ushort Indirect = 2;

    public static ushort[] Expand(ReadOnlySpan<byte> data, int entryCount, int bits, string what)
    {
        if (data.Length % 2 != 0) throw new PixelDataException($"{what}: segmented data of {data.Length} bytes is not whole 16-bit words");
        var words = new ushort[data.Length / 2];
        for (var i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]);
        var output = new List<ushort>(entryCount);
        var position = 0;
        while (position < words.Length)
            position = ExpandSegment(words, position, output, entryCount, what, allowIndirect: true);
        if (output.Count != entryCount)
            throw new PixelDataException($"{what}: segments expand to {output.Count} entries, the descriptor says {entryCount}");
        var maximum = (1 << bits) - 1;
        foreach (var entry in output)
        {
            if (entry > maximum) throw new PixelDataException($"{what}: segment value {entry} exceeds the {bits} bits the descriptor gives");
        }
        return output.ToArray();
    }

    /// <summary>Expands the segment at <paramref name="position"/>; returns the position after it.</summary>
    private static int ExpandSegment(ushort[] words, int position, List<ushort> output, int entryCount, string what, bool allowIndirect)
    {
        if (position + 2 > words.Length) throw new PixelDataException($"{what}: segment at word {position} is cut short");
        var type = words[position];
        var length = words[position + 1];
        switch (type)
        {
            case Discrete:
                if (position + 2 + length > words.Length) throw new PixelDataException($"{what}: discrete segment at word {position} runs past the data");
                Append(output, entryCount, what, length);
                for (var i = 0; i < length; i++) output.Add(words[position + 2 + i]);
                return position + 2 + length;
            case Linear:
            {
                if (position + 3 > words.Length) throw new PixelDataException($"{what}: linear segment at word {position} is cut short");
                if (output.Count == 0) throw new PixelDataException($"{what}: a linear segment cannot start the table");
                Append(output, entryCount, what, length);
                double start = output[^1];
                double end = words[position + 2];
                for (var i = 1; i <= length; i++) output.Add((ushort)Math.Round(start + (end - start) * i / length, MidpointRounding.AwayFromZero));
                return position + 3;
            }
            case Indirect:
            {
                if (!allowIndirect) throw new PixelDataException($"{what}: an indirect segment points at another indirect segment");
                if (position + 4 > words.Length) throw new PixelDataException($"{what}: indirect segment at word {position} is cut short");
                // The offset is a byte offset from the start of the data, least significant word first.
                var offset = words[position + 2] | ((long)words[position + 3] << 16);
                if (offset % 2 != 0 || offset / 2 >= words.Length) throw new PixelDataException($"{what}: indirect segment offset {offset} is outside the data");
                var target = (int)(offset / 2);
                for (var s = 0; s < length; s++) target = ExpandSegment(words, target, output, entryCount, what, allowIndirect: false);
                return position + 4;
            }
            default:
                throw new PixelDataException($"{what}: segment type {type} at word {position} is not 0, 1 or 2");
        }
    }

    private static void Append(List<ushort> output, int entryCount, string what, int length)
    {
        if (output.Count + length > entryCount)
            throw new PixelDataException($"{what}: segments expand past the {entryCount} entries the descriptor gives");
    }
}
