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

        var line = new float[Math.Max(columns, rows) + 2 * radius];
        for (var y = 0; y < rows; y++)
        {
            var row = image.AsSpan(y * columns, columns);
            Pad(row, line, radius);
            for (var x = 0; x < columns; x++)
            {
                var acc = 0f;
                for (var k = 0; k < kernel.Length; k++) acc += line[x + k] * kernel[k];
                row[x] = acc;
            }
        }
        var column = new float[rows];
        for (var x = 0; x < columns; x++)
        {
            for (var y = 0; y < rows; y++) column[y] = image[y * columns + x];
            Pad(column, line, radius);
            for (var y = 0; y < rows; y++)
            {
                var acc = 0f;
                for (var k = 0; k < kernel.Length; k++) acc += line[y + k] * kernel[k];
                image[y * columns + x] = acc;
            }
        }
    }

    private static void Pad(ReadOnlySpan<float> source, float[] line, int radius)
    {
        source.CopyTo(line.AsSpan(radius));
        line.AsSpan(0, radius).Fill(source[0]);
        line.AsSpan(radius + source.Length, radius).Fill(source[^1]);
    }
}
