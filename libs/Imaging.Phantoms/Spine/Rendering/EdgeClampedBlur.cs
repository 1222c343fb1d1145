using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>Separable in-plane Gaussian blur that repeats the edge pixels beyond the image: a CT reconstruction has tissue,
/// not zero, beyond a reduced field of view.</summary>
internal static class EdgeClampedBlur
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(float[] image, int columns, int rows, double sigmaPixels)
    {
        if (sigmaPixels <= 0.05) return;
        var radius = (int)Math.Ceiling(3.5 * sigmaPixels);
        var kernel = new float[2 * radius + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++) sum += kernel[i + radius] = (float)Math.Exp(-i * i / (2 * sigmaPixels * sigmaPixels));
        for (var i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);

        // Several outputs at once, each summed over the kernel in the same order as one at a time would be (no fused
        // multiply-add), so the vector width never changes a pixel.
        var width = Vector.IsHardwareAccelerated ? Vector<float>.Count : int.MaxValue;
        var line = new float[Math.Max(columns, rows) + 2 * radius];
        for (var y = 0; y < rows; y++)
        {
            var row = image.AsSpan(y * columns, columns);
            Pad(row, line, radius);
            var x = 0;
            for (; x + width <= columns; x += width)
            {
                var acc = Vector<float>.Zero;
                for (var k = 0; k < kernel.Length; k++) acc += new Vector<float>(line, x + k) * kernel[k];
                acc.CopyTo(row[x..]);
            }
            for (; x < columns; x++)
            {
                var acc = 0f;
                for (var k = 0; k < kernel.Length; k++) acc += line[x + k] * kernel[k];
                row[x] = acc;
            }
        }

        // Along the columns: output row y sums the rows y − radius … y + radius (clamped to the edges) of the row-blurred image.
        var pixels = columns * rows;
        var source = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            image.AsSpan(0, pixels).CopyTo(source);
            for (var y = 0; y < rows; y++)
            {
                var target = image.AsSpan(y * columns, columns);
                var x = 0;
                for (; x + width <= columns; x += width)
                {
                    var acc = Vector<float>.Zero;
                    for (var k = 0; k < kernel.Length; k++)
                        acc += new Vector<float>(source, Math.Clamp(y + k - radius, 0, rows - 1) * columns + x) * kernel[k];
                    acc.CopyTo(target[x..]);
                }
                for (; x < columns; x++)
                {
                    var acc = 0f;
                    for (var k = 0; k < kernel.Length; k++) acc += source[Math.Clamp(y + k - radius, 0, rows - 1) * columns + x] * kernel[k];
                    target[x] = acc;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(source);
        }
    }

    private static void Pad(ReadOnlySpan<float> source, float[] line, int radius)
    {
        source.CopyTo(line.AsSpan(radius));
        line.AsSpan(0, radius).Fill(source[0]);
        line.AsSpan(radius + source.Length, radius).Fill(source[^1]);
    }
}
