using System.Runtime.CompilerServices;
namespace Imaging.Phantoms.Rendering;

/// <summary>Separable Gaussian convolution with zero outside the image (there is no activity beyond the field of view
/// that the camera would see).</summary>
internal static class GaussianBlur
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(float[] image, int columns, int rows, double sigmaPixels)
    {
        if (sigmaPixels <= 0) return;
        var radius = (int)Math.Ceiling(4 * sigmaPixels);
        var kernel = new float[2 * radius + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++) sum += kernel[i + radius] = (float)Math.Exp(-i * i / (2 * sigmaPixels * sigmaPixels));
        for (var i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);

        var line = new float[Math.Max(columns, rows)];
        for (var y = 0; y < rows; y++)
        {
            var row = image.AsSpan(y * columns, columns);
            row.CopyTo(line);
            for (var x = 0; x < columns; x++)
            {
                var acc = 0f;
                var k0 = Math.Max(-radius, -x);
                var k1 = Math.Min(radius, columns - 1 - x);
                for (var k = k0; k <= k1; k++) acc += line[x + k] * kernel[k + radius];
                row[x] = acc;
            }
        }
        for (var x = 0; x < columns; x++)
        {
            for (var y = 0; y < rows; y++) line[y] = image[y * columns + x];
            for (var y = 0; y < rows; y++)
            {
                var acc = 0f;
                var k0 = Math.Max(-radius, -y);
                var k1 = Math.Min(radius, rows - 1 - y);
                for (var k = k0; k <= k1; k++) acc += line[y + k] * kernel[k + radius];
                image[y * columns + x] = acc;
            }
        }
    }
}
