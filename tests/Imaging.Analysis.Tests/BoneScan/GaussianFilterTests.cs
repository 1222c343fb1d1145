using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan;

/// <summary>The separable SIMD Gaussian against a direct two-dimensional convolution with clamped edges.</summary>
public sealed class GaussianFilterTests
{
    [Theory]
    [InlineData(37, 23, 0.8)]
    [InlineData(64, 50, 2.5)]
    [InlineData(9, 40, 4.7)]
    public void Blur_matches_a_direct_convolution(int width, int height, double sigma)
    {
        var random = new Random(7);
        var image = Enumerable.Range(0, width * height).Select(_ => (float)random.Next(0, 100)).ToArray();
        var result = new float[image.Length];

        GaussianFilter.Blur(image, result, new float[image.Length], width, height, sigma);

        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(i => Math.Exp(-i * i / (2 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double expected = 0;
                for (var j = -radius; j <= radius; j++)
                    for (var i = -radius; i <= radius; i++)
                        expected += image[Math.Clamp(y + j, 0, height - 1) * width + Math.Clamp(x + i, 0, width - 1)] * weights[i + radius] * weights[j + radius];
                Assert.True(Math.Abs(expected / (total * total) - result[y * width + x]) < 1e-3, $"({x}, {y}): {result[y * width + x]} vs {expected / (total * total)}");
            }
    }
}
