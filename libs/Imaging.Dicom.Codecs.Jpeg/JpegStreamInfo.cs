using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Finds and checks the frame header of a JPEG stream before any sample buffer is sized from it.</summary>
internal static class JpegStreamInfo
{
    /// <summary>Walks the marker segments from SOI to the first SOF; every length is bounds-checked.</summary>
    public static JpegFrameHeader ReadFrameHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
            throw new PixelDataException("The frame is not a JPEG stream (no SOI marker)");
        var position = 2;
        while (true)
        {
            var marker = NextMarker(data, ref position);
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) continue;
            if (marker == 0xD9) throw new PixelDataException("The JPEG stream ends (EOI) before a frame header");
            var length = SegmentLength(data, position);
            if (IsStartOfFrame(marker)) return ParseFrameHeader(marker, data.Slice(position + 2, length - 2), position);
            position += length;
        }
    }

    public static bool IsStartOfFrame(int marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>Returns the marker at or after <paramref name="position"/> (skipping fill bytes) and moves past it.</summary>
    public static int NextMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length) throw new PixelDataException("The JPEG stream is truncated: a marker is missing");
        if (data[position] != 0xFF) throw new PixelDataException($"JPEG marker expected at byte {position}, found 0x{data[position]:X2}");
        while (position < data.Length && data[position] == 0xFF) position++;
        if (position >= data.Length) throw new PixelDataException("The JPEG stream is truncated inside a marker");
        return data[position++];
    }

    /// <summary>The length of the segment starting at <paramref name="position"/> (its own 2 bytes included), checked against the data.</summary>
    public static int SegmentLength(ReadOnlySpan<byte> data, int position)
    {
        if (position + 2 > data.Length) throw new PixelDataException("The JPEG stream is truncated in a segment length");
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2 || position + length > data.Length)
            throw new PixelDataException($"JPEG segment at byte {position} claims {length} bytes, {data.Length - position} remain");
        return length;
    }

    private static JpegFrameHeader ParseFrameHeader(int marker, ReadOnlySpan<byte> segment, int offset)
    {
        if (segment.Length < 6) throw new PixelDataException("JPEG frame header is too short");
        var precision = segment[0];
        var lines = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        var samplesPerLine = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        var count = segment[5];
        if (count is < 1 or > 4) throw new PixelDataException($"JPEG frame has {count} components; 1 to 4 are supported");
        if (segment.Length < 6 + 3 * count) throw new PixelDataException("JPEG frame header is shorter than its component list");
        if (samplesPerLine == 0) throw new PixelDataException("JPEG frame has zero samples per line");
        if (precision is < 2 or > 16) throw new PixelDataException($"JPEG sample precision {precision} is outside 2..16");
        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + 3 * i, 3);
            int h = c[1] >> 4, v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4) throw new PixelDataException($"JPEG component {c[0]} has sampling factors {h}×{v}");
            for (var j = 0; j < i; j++)
                if (components[j].Id == c[0]) throw new PixelDataException($"JPEG frame lists component {c[0]} twice");
            components[i] = new JpegComponent(c[0], h, v);
        }
        return new JpegFrameHeader(marker, precision, lines, samplesPerLine, components, offset);
    }
}
