namespace Imaging.Analysis.Spine.Lesions;

/// <summary>The patient's own trabecular bone: median and median absolute deviation (HU) of the bodies' interiors over all
/// measured levels, cement excluded; lesions are regions far from it.</summary>
public sealed record TrabecularReference(float MedianHu, float MadHu, long Voxels)
{
    /// <summary>Median and MAD of <paramref name="values"/> (reordered in place); null when empty.</summary>
    public static TrabecularReference? Of(float[] values, int count)
    {
        if (count <= 0) return null;
        var span = values.AsSpan(0, count);
        var median = Median(span);
        for (var i = 0; i < span.Length; i++) span[i] = Math.Abs(span[i] - median);
        var mad = Median(span);
        return new TrabecularReference(median, mad, count);
    }

    private static float Median(Span<float> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
