using Imaging.Dicom.Codecs.Jpeg;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Fuzz;

/// <summary>Fuzz target for the JPEG decoders: the input is one encoded frame; the dataset's description is taken from
/// its own SOF header (so the fuzzer reaches the scan decoders), then bent by the last input byte to exercise mismatches.</summary>
/// <remarks>Anything but <see cref="PixelDataException"/> escaping the decoder is a crash for the fuzzer.</remarks>
public static class JpegDecoderFuzzTarget
{
    private const int MaximumSide = 2048;
    private static readonly JpegPixelDecoder Decoder = new();

    /// <summary>Decodes <paramref name="data"/>; returns true when it decoded, false when it was rejected with a clear error.</summary>
    public static bool Run(ReadOnlySpan<byte> data)
    {
        var description = Describe(data);
        if (description is null) return false;
        var destination = new byte[description.FrameLength];
        try
        {
            var layout = Decoder.Decode(data, description, destination);
            if (layout.PhotometricInterpretation.Length == 0) throw new InvalidOperationException("The decoder returned an empty photometric interpretation");
            return true;
        }
        catch (PixelDataException)
        {
            return false;
        }
    }

    /// <summary>Starting inputs for a campaign: our own JPEG Lossless SV1 encodings of small gradients, 8 and 16 bit, grey
    /// and RGB (the fuzzer mutates them into the other processes' markers and broken streams).</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        var encoder = new JpegLosslessEncoder();
        foreach (var (bits, samples) in new[] { (8, 1), (16, 1), (8, 3), (12, 1) })
        {
            var allocated = bits <= 8 ? 8 : 16;
            var description = new PixelDataDescription(16, 16, samples, allocated, bits, bits - 1, false, 0, samples == 1 ? "MONOCHROME2" : "RGB", 1);
            var frame = new byte[description.FrameLength];
            var mask = (1 << bits) - 1;
            for (var i = 0; i < description.PixelCount * samples; i++)
            {
                var value = (i * 37 + i / 16 * 11) & mask;
                if (allocated == 8) frame[i] = (byte)value;
                else System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(i * 2), (ushort)value);
            }
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            encoder.Encode(frame, description, output);
            yield return ($"sv1-{bits}bit-{samples}", output.WrittenSpan.ToArray());
        }
    }

    // Finds the first SOF and builds a description that agrees with it, within a bound that keeps each run small.
    private static PixelDataDescription? Describe(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i + 9 < data.Length; i++)
        {
            if (data[i] != 0xFF || data[i + 1] is not (0xC0 or 0xC1 or 0xC2 or 0xC3)) continue;
            var precision = data[i + 4];
            var rows = data[i + 5] << 8 | data[i + 6];
            var columns = data[i + 7] << 8 | data[i + 8];
            var components = data[i + 9];
            var tweak = data[^1];
            if (rows == 0) rows = 1 + tweak % 64;
            if (rows > MaximumSide || columns is 0 or > MaximumSide) return null;
            if (components is not (1 or 3)) components = 1;
            var bitsAllocated = precision <= 8 && (tweak & 1) == 0 ? 8 : 16;
            var bitsStored = Math.Clamp((int)precision, 1, bitsAllocated);
            var photometric = components == 3 ? ((tweak & 2) == 0 ? "YBR_FULL_422" : "RGB") : "MONOCHROME2";
            return new PixelDataDescription(rows, columns, components, bitsAllocated, bitsStored, bitsStored - 1,
                (tweak & 4) != 0, components == 3 ? (tweak >> 3) & 1 : 0, photometric, 1);
        }
        return null;
    }
}
