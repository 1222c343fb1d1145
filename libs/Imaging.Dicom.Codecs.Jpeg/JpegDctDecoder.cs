using System.Buffers;
using System.Runtime.CompilerServices;
using Imaging.Dicom.Imaging;
using JpegLibrary;

namespace Imaging.Dicom.Codecs.Jpeg;

/// <summary>DCT-based JPEG (baseline and extended, 8 and 12 bit) through JpegLibrary; we clamp, upsample chroma and
/// convert YCbCr to RGB ourselves so the result follows dcmdjpeg's (libjpeg's) conventions.</summary>
internal static class JpegDctDecoder
{
    /// <summary>Decodes <paramref name="data"/> into full-resolution planes; converts YCbCr to RGB when <paramref name="toRgb"/>.</summary>
    public static ushort[][] DecodePlanes(ReadOnlySpan<byte> data, JpegFrameHeader frame, int height, bool toRgb)
    {
        if (frame.Precision is not (8 or 12))
            throw new PixelDataException($"DCT-based JPEG precision {frame.Precision} is not 8 or 12");
        var width = frame.SamplesPerLine;
        var pixels = checked(width * height);
        var input = ArrayPool<byte>.Shared.Rent(data.Length);
        var planes = new ushort[frame.Components.Length][];
        try
        {
            for (var i = 0; i < planes.Length; i++) planes[i] = ArrayPool<ushort>.Shared.Rent(pixels);
            data.CopyTo(input);
            var decoder = new JpegDecoder();
            decoder.SetInput(input.AsMemory(0, data.Length));
            var maxH = 1;
            var maxV = 1;
            try
            {
                decoder.Identify();
                if (decoder.Width != width || decoder.Height != height || decoder.NumberOfComponents != planes.Length)
                    throw new PixelDataException($"JpegLibrary reads a {decoder.Width}×{decoder.Height}×{decoder.NumberOfComponents} frame, the header says {width}×{height}×{planes.Length}");
                maxH = decoder.GetMaximumHorizontalSampling();
                maxV = decoder.GetMaximumVerticalSampling();
                decoder.SetOutputWriter(new PlaneWriter(planes, width, height, (1 << frame.Precision) - 1));
                decoder.Decode();
            }
            catch (Exception ex) when (ex is not PixelDataException)
            {
                throw new PixelDataException($"The JPEG stream is corrupt: {ex.Message}", ex);
            }
            if (planes.Length == 3)
            {
                // JpegLibrary replicates subsampled chroma; libjpeg interpolates (triangle filter), so redo it.
                for (var c = 1; c < 3; c++)
                {
                    int fh = maxH / frame.Components[c].Horizontal, fv = maxV / frame.Components[c].Vertical;
                    if (fh == 2 && fv == 1) ChromaUpsampler.Horizontal(planes[c], width, height);
                    else if (fh == 2 && fv == 2) ChromaUpsampler.Both(planes[c], width, height);
                }
                if (toRgb) YbrToRgb(planes, pixels, frame.Precision);
            }
            return planes;
        }
        catch
        {
            JpegLosslessDecoder.Return(planes);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    // JFIF YCbCr -> RGB (ITU-R BT.601 full range) in 16-bit fixed point, rounded to nearest.
    private static void YbrToRgb(ushort[][] planes, int pixels, int precision)
    {
        var max = (1 << precision) - 1;
        var center = 1 << (precision - 1);
        var y = planes[0].AsSpan(0, pixels);
        var cb = planes[1].AsSpan(0, pixels);
        var cr = planes[2].AsSpan(0, pixels);
        for (var i = 0; i < pixels; i++)
        {
            int l = y[i], b = cb[i] - center, r = cr[i] - center;
            var red = l + ((91881 * r + 32768) >> 16);
            var green = l + ((-22554 * b - 46802 * r + 32768) >> 16);
            var blue = l + ((116130 * b + 32768) >> 16);
            y[i] = (ushort)Math.Clamp(red, 0, max);
            cb[i] = (ushort)Math.Clamp(green, 0, max);
            cr[i] = (ushort)Math.Clamp(blue, 0, max);
        }
    }

    /// <summary>Receives JpegLibrary's level-shifted 8×8 blocks (full resolution) and stores them clamped to the precision.</summary>
    private sealed class PlaneWriter(ushort[][] planes, int width, int height, int max) : JpegBlockOutputWriter
    {
        public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            if ((uint)componentIndex >= (uint)planes.Length || x < 0 || y < 0) return;
            var plane = planes[componentIndex];
            var rows = Math.Min(8, height - y);
            var columns = Math.Min(8, width - x);
            for (var r = 0; r < rows; r++)
            {
                var row = (y + r) * width + x;
                for (var c = 0; c < columns; c++)
                    plane[row + c] = (ushort)Math.Clamp((int)Unsafe.Add(ref blockRef, r * 8 + c), 0, max);
            }
        }
    }
}
