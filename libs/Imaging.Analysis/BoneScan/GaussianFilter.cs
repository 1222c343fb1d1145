using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Imaging.Analysis.BoneScan;

/// <summary>Separable Gaussian smoothing of float images with edge clamping: the one filter every step builds on
/// (body mask, scale space, normal bone), so it is the one kept fast.</summary>
internal static class GaussianFilter
{
    /// <summary>Smooths <paramref name="source"/> into <paramref name="destination"/> (may be the same span) with
    /// sigma <paramref name="sigma"/> pixels; <paramref name="scratch"/> holds one image.</summary>
    public static void Blur(ReadOnlySpan<float> source, Span<float> destination, Span<float> scratch, int width, int height, double sigma)
    {
        var count = checked(width * height);
        if (source.Length < count || destination.Length < count || scratch.Length < count)
            throw new ArgumentException("An image buffer is smaller than width × height");
        if (sigma <= 0.05)
        {
            source[..count].CopyTo(destination);
            return;
        }
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernelArray = ArrayPool<float>.Shared.Rent(2 * radius + 1);
        try
        {
            var kernel = kernelArray.AsSpan(0, 2 * radius + 1);
            Kernel(kernel, radius, sigma);
            Horizontal(source, scratch, width, height, kernel, radius);
            Vertical(scratch, destination, width, height, kernel, radius);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(kernelArray);
        }
    }

    private static void Kernel(Span<float> kernel, int radius, double sigma)
    {
        double sum = 0;
        for (var i = -radius; i <= radius; i++)
        {
            var w = Math.Exp(-i * i / (2 * sigma * sigma));
            kernel[i + radius] = (float)w;
            sum += w;
        }
        for (var i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);
    }

    // The interior of each row is a sum of shifted copies of the row, one per kernel tap, so it runs through the same
    // SIMD multiply-add as the vertical pass; only the first and last radius pixels clamp at the edge.
    private static void Horizontal(ReadOnlySpan<float> source, Span<float> target, int width, int height, ReadOnlySpan<float> kernel, int radius)
    {
        var interior = width - 2 * radius;
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice(y * width, width);
            var output = target.Slice(y * width, width);
            if (interior > 0)
            {
                var middle = output.Slice(radius, interior);
                middle.Clear();
                for (var k = 0; k < kernel.Length; k++) MultiplyAdd(row.Slice(k, interior), kernel[k], middle);
            }
            for (var x = 0; x < width; x++)
            {
                if (x == radius && interior > 0) x = width - radius;
                if (x >= width) break;
                float sum = 0;
                for (var k = -radius; k <= radius; k++) sum += row[Math.Clamp(x + k, 0, width - 1)] * kernel[k + radius];
                output[x] = sum;
            }
        }
    }

    // Whole rows are accumulated at once so the inner loop runs over contiguous memory in SIMD registers.
    private static void Vertical(ReadOnlySpan<float> source, Span<float> target, int width, int height, ReadOnlySpan<float> kernel, int radius)
    {
        for (var y = 0; y < height; y++)
        {
            var output = target.Slice(y * width, width);
            output.Clear();
            for (var k = -radius; k <= radius; k++)
            {
                var row = source.Slice(Math.Clamp(y + k, 0, height - 1) * width, width);
                MultiplyAdd(row, kernel[k + radius], output);
            }
        }
    }

    /// <summary>output += row × weight.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> row, float weight, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var w = new Vector<float>(weight);
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < rows.Length; v++) outputs[v] += rows[v] * w;
            i = rows.Length * Vector<float>.Count;
        }
        for (; i < row.Length; i++) output[i] += row[i] * weight;
    }
}
