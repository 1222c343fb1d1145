namespace Imaging.Dicom.Rendering.Tests.Support;

/// <summary>How far our rendering is from DCMTK's: largest difference and number of differing samples.</summary>
public sealed record PixelComparison(int MaximumDifference, int DifferingSamples, int Samples)
{
    public static PixelComparison Of(RenderedFrame ours, PnmImage theirs)
    {
        Assert.Equal(theirs.Width, ours.Width);
        Assert.Equal(theirs.Height, ours.Height);
        Assert.Equal(theirs.Channels, ours.Channels);
        var max = 0;
        var differing = 0;
        for (var i = 0; i < ours.Pixels.Length; i++)
        {
            var d = Math.Abs(ours.Pixels[i] - theirs.Pixels[i]);
            if (d == 0) continue;
            differing++;
            max = Math.Max(max, d);
        }
        return new PixelComparison(max, differing, ours.Pixels.Length);
    }

    public static void AssertIdentical(RenderedFrame ours, PnmImage theirs)
    {
        var comparison = Of(ours, theirs);
        Assert.True(comparison.DifferingSamples == 0, $"{comparison.DifferingSamples} of {comparison.Samples} samples differ, by up to {comparison.MaximumDifference}");
    }
}
