using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>Encodes frames as JPEG Lossless, first-order prediction (process 14, selection value 1; .70), 2 to 16 bits,
/// 1 or 3 samples per pixel, with one Huffman table optimised for the frame.</summary>
public sealed class JpegLosslessEncoder : IPixelEncoder
{
    public DicomTransferSyntax TransferSyntax => DicomTransferSyntax.JpegLosslessSV1;

    public bool CanEncode(PixelDataDescription description, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(description);
        reason = null;
        if (description.BitsAllocated is not (8 or 16)) reason = $"Bits Allocated {description.BitsAllocated} is not 8 or 16";
        else if (description.BitsStored is < 2 or > 16) reason = $"Bits Stored {description.BitsStored} is outside JPEG Lossless's 2..16";
        else if (description.SamplesPerPixel is not (1 or 3)) reason = $"Samples per Pixel {description.SamplesPerPixel} is not 1 or 3";
        else if (description.PhotometricInterpretation.EndsWith("_422", StringComparison.Ordinal) || description.PhotometricInterpretation.EndsWith("_420", StringComparison.Ordinal))
            reason = $"{description.PhotometricInterpretation} native data is subsampled; lossless JPEG stores full-resolution components";
        return reason is null;
    }

    public DecodedFrameLayout Encode(ReadOnlySpan<byte> frame, PixelDataDescription description, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(output);
        description.Validate();
        if (!CanEncode(description, out var reason)) throw new PixelDataException($"JPEG Lossless cannot encode this frame: {reason}");
        if (frame.Length < description.FrameLength)
            throw new PixelDataException($"The frame holds {frame.Length} bytes, {description.FrameLength} are needed");

        int width = description.Columns, height = description.Rows, components = description.SamplesPerPixel;
        var precision = description.BitsStored;
        var count = checked(width * height * components);
        var categories = ArrayPool<int>.Shared.Rent(count);
        var differences = ArrayPool<int>.Shared.Rent(count);
        try
        {
            Span<long> frequencies = stackalloc long[JpegHuffmanEncodingTable.Symbols];
            frequencies.Clear();
            for (var c = 0; c < components; c++)
                Predict(frame, description, c, precision, categories, differences, frequencies);
            var table = JpegHuffmanEncodingTable.Build(frequencies);

            WriteHeaders(output, description, precision, table);
            var writer = new JpegBitWriter(output);
            var codes = table.Codes;
            var lengths = table.Lengths;
            for (var i = 0; i < count; i++)
            {
                var s = categories[i];
                writer.Write(codes[s], lengths[s]);
                if (s is > 0 and < 16) writer.Write(differences[i], s);
            }
            writer.Complete();
            output.Write<byte>([0xFF, 0xD9]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(categories);
            ArrayPool<int>.Shared.Return(differences);
        }
        return new DecodedFrameLayout(description.PhotometricInterpretation, 0);
    }

    // Samples are stored in scan order (pixel by pixel, components interleaved) as category + additional bits.
    private static void Predict(ReadOnlySpan<byte> frame, PixelDataDescription d, int component, int precision,
        int[] categories, int[] differences, Span<long> frequencies)
    {
        int width = d.Columns, height = d.Rows, components = d.SamplesPerPixel;
        var mask = (1 << precision) - 1;
        var planar = d.PlanarConfiguration == 1 && components > 1;
        var wide = d.BytesPerSample == 2;
        var pixels = width * height;
        var previousRow = ArrayPool<int>.Shared.Rent(width);
        var currentRow = ArrayPool<int>.Shared.Rent(width);
        try
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var pixel = y * width + x;
                    var sampleIndex = planar ? component * pixels + pixel : pixel * components + component;
                    var sample = (wide ? BinaryPrimitives.ReadUInt16LittleEndian(frame[(sampleIndex * 2)..]) : frame[sampleIndex]) & mask;
                    currentRow[x] = sample;
                    int prediction = x > 0 ? currentRow[x - 1] : y > 0 ? previousRow[0] : 1 << (precision - 1);
                    var difference = (sample - prediction) & 0xFFFF;
                    int category;
                    if (difference == 0x8000)
                    {
                        category = 16;
                    }
                    else
                    {
                        if (difference > 0x8000) difference -= 0x10000;
                        category = difference == 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)Math.Abs(difference));
                        if (difference < 0) difference += (1 << category) - 1;
                    }
                    var slot = pixel * components + component;
                    categories[slot] = category;
                    differences[slot] = difference;
                    frequencies[category]++;
                }
                (previousRow, currentRow) = (currentRow, previousRow);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(previousRow);
            ArrayPool<int>.Shared.Return(currentRow);
        }
    }

    private static void WriteHeaders(IBufferWriter<byte> output, PixelDataDescription d, int precision, JpegHuffmanEncodingTable table)
    {
        var components = d.SamplesPerPixel;
        var header = new List<byte> { 0xFF, 0xD8 };
        // SOF3: lossless, Huffman; every component full resolution.
        var sofLength = 8 + 3 * components;
        header.AddRange([0xFF, 0xC3, (byte)(sofLength >> 8), (byte)sofLength, (byte)precision,
            (byte)(d.Rows >> 8), (byte)d.Rows, (byte)(d.Columns >> 8), (byte)d.Columns, (byte)components]);
        for (var c = 0; c < components; c++) header.AddRange([(byte)(c + 1), 0x11, 0]);
        var dhtLength = 2 + 1 + 16 + table.Values.Length;
        header.AddRange([0xFF, 0xC4, (byte)(dhtLength >> 8), (byte)dhtLength, 0x00]);
        header.AddRange(table.Counts);
        header.AddRange(table.Values);
        // SOS: all components interleaved, table 0, predictor 1, no point transform.
        var sosLength = 6 + 2 * components;
        header.AddRange([0xFF, 0xDA, (byte)(sosLength >> 8), (byte)sosLength, (byte)components]);
        for (var c = 0; c < components; c++) header.AddRange([(byte)(c + 1), 0x00]);
        header.AddRange([1, 0, 0]);
        output.Write(header.ToArray());
    }
}
