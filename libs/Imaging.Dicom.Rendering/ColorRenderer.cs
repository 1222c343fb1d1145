using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>RGB, YBR_FULL and YBR_FULL_422 frames to interleaved 8-bit RGB (PS3.3 C.7.6.3.1.2).</summary>
internal static class ColorRenderer
{
    /// <param name="photometric">The layout the samples are in (after any decoder conversion).</param>
    /// <param name="planar">Planar Configuration of the samples: 0 = R1G1B1 R2G2B2..., 1 = all R, all G, all B.</param>
    /// <param name="subsampled">Native YBR_FULL_422: each pair of pixels on a row is stored as Y1 Y2 Cb Cr.</param>
    public static byte[] Render(ReadOnlySpan<byte> samples, int width, int height, SampleFormat format, string photometric, int planar, bool subsampled)
    {
        var pixelCount = width * height;
        var output = new byte[checked(pixelCount * 3)];
        var isYbr = photometric is "YBR_FULL" or "YBR_FULL_422";
        if (!isYbr && photometric != "RGB")
            throw new PixelDataException($"Photometric Interpretation {photometric} is not supported for rendering");
        var toByteShift = Math.Max(0, format.BitsStored - 8);
        // YBR_FULL chroma is centred on half the range of the stored bits (128 for 8-bit samples).
        var half = format.BitsStored >= 32 ? 0 : 1L << (format.BitsStored - 1);
        var maximum = format.BitsStored >= 32 ? uint.MaxValue : (1L << format.BitsStored) - 1;

        if (subsampled)
        {
            if (width % 2 != 0) throw new PixelDataException($"YBR_FULL_422 needs an even number of columns, not {width}");
            var sample = 0;
            for (var p = 0; p < pixelCount; p += 2)
            {
                var y1 = format.ReadPattern(samples, sample);
                var y2 = format.ReadPattern(samples, sample + 1);
                var cb = format.ReadPattern(samples, sample + 2);
                var cr = format.ReadPattern(samples, sample + 3);
                sample += 4;
                WriteYbr(output, p, y1, cb, cr, half, maximum, toByteShift);
                WriteYbr(output, p + 1, y2, cb, cr, half, maximum, toByteShift);
            }
            return output;
        }

        for (var p = 0; p < pixelCount; p++)
        {
            uint a, b, c;
            if (planar == 0)
            {
                a = format.ReadPattern(samples, 3 * p);
                b = format.ReadPattern(samples, 3 * p + 1);
                c = format.ReadPattern(samples, 3 * p + 2);
            }
            else
            {
                a = format.ReadPattern(samples, p);
                b = format.ReadPattern(samples, pixelCount + p);
                c = format.ReadPattern(samples, 2 * pixelCount + p);
            }
            if (isYbr)
            {
                WriteYbr(output, p, a, b, c, half, maximum, toByteShift);
            }
            else
            {
                output[3 * p] = (byte)(a >> toByteShift);
                output[3 * p + 1] = (byte)(b >> toByteShift);
                output[3 * p + 2] = (byte)(c >> toByteShift);
            }
        }
        return output;
    }

    /// <summary>The inverse of the YBR_FULL equations of PS3.3 C.7.6.3.1.2, rounded and clamped to the stored range.</summary>
    private static void WriteYbr(byte[] output, int pixel, uint y, uint cb, uint cr, long half, long maximum, int toByteShift)
    {
        var blue = (double)cb - half;
        var red = (double)cr - half;
        var r = y + 1.402 * red;
        var g = y - 0.344136 * blue - 0.714136 * red;
        var b = y + 1.772 * blue;
        output[3 * pixel] = ToByte(r, maximum, toByteShift);
        output[3 * pixel + 1] = ToByte(g, maximum, toByteShift);
        output[3 * pixel + 2] = ToByte(b, maximum, toByteShift);
    }

    private static byte ToByte(double value, long maximum, int toByteShift)
    {
        var v = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        v = Math.Clamp(v, 0, maximum);
        return (byte)(v >> toByteShift);
    }
}
