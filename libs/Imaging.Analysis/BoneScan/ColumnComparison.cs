namespace Imaging.Analysis.BoneScan;

/// <summary>A focus on the midline compared as a whole blob with the same column above and below: its core's raw counts
/// against cores of equal size stepped along the spine line, so that the decision rests on hundreds of counts per core
/// (a Poisson test whose power grows with the count level) rather than on one smoothed peak against a window median.
/// Each side's expectation is an upper quantile of its cores, which stands for the vertebral bodies rather than the
/// discs between them; the brighter side is the expectation, so a focus next to hotter bone (manubrium, sacrum, skull
/// base) is judged against that bone.</summary>
internal static class ColumnComparison
{
    /// <summary>The result: the core's mean over the expected core mean, and the Poisson z-score of the difference. NaN
    /// when neither side has enough of the column inside the body.</summary>
    public readonly record struct Result(double Contrast, double ZScore);

    public static Result Compare(float[] raw, int width, int height, int px, int py, double coreRadius, BodyMask mask, RegionMap map,
        int nearPixels, int farPixels, double quantile, bool brighterSide)
    {
        var core = Math.Max(1.5, coreRadius);
        var reach = (int)Math.Ceiling(core);
        var focus = CoreMean(raw, width, height, px, py, core, reach, mask, out var n);
        if (double.IsNaN(focus)) return new(double.NaN, double.NaN);

        var steps = farPixels - nearPixels + 1;
        Span<double> means = steps <= 256 ? stackalloc double[steps] : new double[steps];
        var expected = double.NaN;
        var used = 0;
        var sides = 0;
        double sum = 0;
        foreach (var direction in (ReadOnlySpan<int>)[-1, 1])
        {
            var m = 0;
            for (var d = nearPixels; d <= farPixels; d++)
            {
                var yy = py + direction * d;
                // Follow the spine line so that a curved spine still compares vertebra with vertebra.
                var xx = (int)Math.Round(px + map.SpineAt(Math.Clamp(yy, 0, height - 1)) - map.SpineAt(py));
                var mean = CoreMean(raw, width, height, xx, yy, core, reach, mask, out _);
                if (!double.IsNaN(mean)) means[m++] = mean;
            }
            if (m < steps / 2) continue;
            var side = means[..m];
            side.Sort();
            var value = side[Math.Min(m - 1, (int)Math.Floor(quantile * (m - 1) + 0.5))];
            if (brighterSide)
            {
                if (double.IsNaN(expected) || value > expected) (expected, used) = (value, m);
            }
            else
            {
                sum += value;
                used += m;
                sides++;
            }
        }
        if (!brighterSide && sides > 0) expected = sum / sides;
        if (double.IsNaN(expected)) return new(double.NaN, double.NaN);
        if (expected <= 0) return new(double.PositiveInfinity, double.PositiveInfinity);
        // The expectation pools about `used` cores (overlapping, so count it as a few independent ones): its variance is small
        // next to the focus core's own.
        var independent = Math.Max(1.0, used / (2.0 * core));
        var variance = n * focus + n * expected / independent;
        return new(focus / expected, n * (focus - expected) / Math.Sqrt(variance));
    }

    private static double CoreMean(float[] raw, int width, int height, int cx, int cy, double core, int reach, BodyMask mask, out int n)
    {
        n = 0;
        if (cx - reach < 0 || cx + reach >= width || cy - reach < 0 || cy + reach >= height) return double.NaN;
        double sum = 0;
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                if (dx * dx + dy * dy > core * core) continue;
                if (!mask.Contains(cx + dx, cy + dy)) return double.NaN;
                sum += raw[(cy + dy) * width + cx + dx];
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
