using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Imaging.Codecs;

/// <summary>Encodes native frames as RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, each row encoded on its own.</summary>
public sealed class RleEncoder : IPixelEncoder
{
    private const int MaximumRun = 128;

    public DicomTransferSyntax TransferSyntax => DicomTransferSyntax.RleLossless;

    public bool CanEncode(PixelDataDescription description, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(description);
        return RleLayout.TryGetBytesPerSample(description, out _, out reason);
    }

    public DecodedFrameLayout Encode(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(output);
        var bytesPerSample = RleLayout.BytesPerSample(description);
        if (frame.Length < description.FrameLength)
            throw new PixelDataException($"The frame holds {frame.Length} bytes, {description.FrameLength} expected");
        var samples = description.SamplesPerPixel;
        var segments = samples * bytesPerSample;
        var rows = description.Rows;
        var columns = description.Columns;
        var pixelCount = checked((int)description.PixelCount);
        // Worst case per row: all literals, one header byte per 128 bytes; plus one pad byte per segment.
        var perRow = columns + (columns + MaximumRun - 1) / MaximumRun;
        var worst = checked(RleDecoder.HeaderLength + (long)segments * ((long)rows * perRow + 1));
        if (worst > int.MaxValue) throw new PixelDataException($"An RLE frame of {rows} × {columns} × {segments} planes could exceed 2 GiB");

        var buffer = ArrayPool<byte>.Shared.Rent((int)worst);
        var row = ArrayPool<byte>.Shared.Rent(columns);
        try
        {
            var encoded = buffer.AsSpan(0, (int)worst);
            encoded[..RleDecoder.HeaderLength].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(encoded, (uint)segments);
            var planar = samples > 1 && description.PlanarConfiguration == 1;
            var position = RleDecoder.HeaderLength;
            for (var segment = 0; segment < segments; segment++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(encoded[(4 + segment * 4)..], (uint)position);
                var (start, stride) = RleSegmentLayout.Locate(segment, bytesPerSample, samples, pixelCount, planar);
                var rowStep = columns * stride;
                var rowBytes = row.AsSpan(0, columns);
                for (var r = 0; r < rows; r++)
                {
                    var source = frame[(start + r * rowStep)..];
                    if (stride == 1) source[..columns].CopyTo(rowBytes);
                    else for (int c = 0, i = 0; c < columns; c++, i += stride) rowBytes[c] = source[i];
                    position += PackRow(rowBytes, encoded[position..]);
                }
                // Each segment is padded to an even length (G.5).
                if ((position & 1) == 1) encoded[position++] = 0;
            }
            output.Write(encoded[..position]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new DecodedFrameLayout(description.PhotometricInterpretation, description.PlanarConfiguration);
    }

    /// <summary>PackBits of one row: replicate runs for three or more equal bytes, literal runs between them.</summary>
    /// <remarks>A pair of equal bytes stays inside a literal: as its own replicate run it costs the same two bytes and
    /// splits the literal, which then costs another header byte.</remarks>
    private static int PackRow(ReadOnlySpan<byte> row, Span<byte> output)
    {
        var written = 0;
        var i = 0;
        var n = row.Length;
        while (i < n)
        {
            var run = 1;
            while (i + run < n && run < MaximumRun && row[i + run] == row[i]) run++;
            if (run >= 3)
            {
                output[written++] = (byte)(sbyte)(1 - run);
                output[written++] = row[i];
                i += run;
                continue;
            }
            var start = i;
            while (i < n && i - start < MaximumRun)
            {
                if (i + 2 < n && row[i] == row[i + 1] && row[i] == row[i + 2]) break;
                i++;
            }
            var literal = i - start;
            output[written++] = (byte)(literal - 1);
            row.Slice(start, literal).CopyTo(output[written..]);
            written += literal;
        }
        return written;
    }
}
