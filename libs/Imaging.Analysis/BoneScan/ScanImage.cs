namespace Imaging.Analysis.BoneScan;

/// <summary>One whole-body view as counts per pixel (rescaled, negatives clipped), row-major, in the anterior frame
/// (a posterior view is already mirrored left–right).</summary>
public sealed class ScanImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied) of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public ScanImage(int width, int height, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height != pixels.Length)
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width} × {height} image", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Pixels { get; }

    /// <summary>Total counts of the view (what the camera recorded in it).</summary>
    public double TotalCounts()
    {
        double sum = 0;
        foreach (var v in Pixels) sum += v;
        return sum;
    }

    /// <summary>A left–right mirrored copy: a posterior view seen from the front.</summary>
    public ScanImage Mirrored()
    {
        var mirrored = new float[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            var source = Pixels.AsSpan(y * Width, Width);
            var target = mirrored.AsSpan(y * Width, Width);
            source.CopyTo(target);
            target.Reverse();
        }
        return new ScanImage(Width, Height, mirrored);
    }
}
