using System.Buffers;

namespace Imaging.Analysis.BoneScan;

/// <summary>Order statistics over pixel values without LINQ: percentiles by sorting a pooled copy.</summary>
internal static class RobustStatistics
{
    /// <summary>The <paramref name="fraction"/> quantile (0–1) of <paramref name="values"/>; NaN when empty.</summary>
    public static double Quantile(ReadOnlySpan<float> values, double fraction)
    {
        if (values.IsEmpty) return double.NaN;
        var copy = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            var span = copy.AsSpan(0, values.Length);
            values.CopyTo(span);
            span.Sort();
            return QuantileOfSorted(span, fraction);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(copy);
        }
    }

    /// <summary>Quantile of already sorted values, linearly interpolated.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<float> sorted, double fraction)
    {
        if (sorted.IsEmpty) return double.NaN;
        var position = Math.Clamp(fraction, 0, 1) * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    /// <summary>Median of <paramref name="sorted"/> after repeatedly dropping values above median + k robust SDs
    /// (1.4826 × median absolute deviation, the SD of a normal distribution): a one-sided trim, since hot lesions
    /// raise the upper tail only. Returns the median and how many values it kept.</summary>
    public static (double Median, int Kept) TrimmedMedian(Span<float> sorted, double k, int iterations)
    {
        var length = sorted.Length;
        if (length == 0) return (double.NaN, 0);
        var deviations = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var median = QuantileOfSorted(sorted[..length], 0.5);
            for (var iteration = 0; iteration < iterations; iteration++)
            {
                var current = sorted[..length];
                var dev = deviations.AsSpan(0, length);
                for (var i = 0; i < length; i++) dev[i] = Math.Abs(current[i] - (float)median);
                dev.Sort();
                var sd = 1.4826 * QuantileOfSorted(dev, 0.5);
                if (sd <= 0) break;
                var limit = median + k * sd;
                var kept = current.BinarySearch((float)limit);
                kept = kept < 0 ? ~kept : kept + 1;
                while (kept < length && current[kept] <= limit) kept++;
                if (kept == length || kept == 0) break;
                length = kept;
                median = QuantileOfSorted(sorted[..length], 0.5);
            }
            return (median, length);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(deviations);
        }
    }
}
