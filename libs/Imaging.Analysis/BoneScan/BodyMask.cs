using System.Buffers;

namespace Imaging.Analysis.BoneScan;

/// <summary>The patient's outline: a threshold on the smoothed image relative to background and foreground levels,
/// the largest 8-connected component, holes filled (cold lesions, photopenic areas and the space between arms and
/// trunk enclosed by hands are still body).</summary>
internal sealed class BodyMask
{
    private BodyMask(byte[] mask, int width, int height, double threshold, double softTissue)
    {
        Mask = mask;
        Width = width;
        Height = height;
        Threshold = threshold;
        SoftTissue = softTissue;
    }

    /// <summary>1 inside the body, 0 outside, row-major.</summary>
    public byte[] Mask { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The smoothed level the outline was drawn at.</summary>
    public double Threshold { get; }

    /// <summary>The typical soft-tissue level of the smoothed image (median inside the body).</summary>
    public double SoftTissue { get; }

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height && Mask[y * Width + x] != 0;

    /// <summary>The outline of <paramref name="smoothed"/>, smoothed with sigma <paramref name="sigmaPixels"/>; null when
    /// nothing stands out from the background.</summary>
    public static BodyMask? Compute(ReadOnlySpan<float> smoothed, int width, int height, double sigmaPixels, BoneScanOptions options)
    {
        var count = width * height;
        // A subsample is plenty for levels and keeps the sort cheap.
        var step = Math.Max(1, count / 40_000);
        var sampleLength = (count + step - 1) / step;
        var sample = ArrayPool<float>.Shared.Rent(sampleLength);
        try
        {
            var n = 0;
            for (var i = 0; i < count; i += step) sample[n++] = smoothed[i];
            var values = sample.AsSpan(0, n);
            values.Sort();
            var background = Math.Max(0, RobustStatistics.QuantileOfSorted(values, 0.10));
            // Smoothing with a Gaussian of sigma s divides the Poisson variance by 4πs².
            var noise = Math.Sqrt(Math.Max(background, 1)) / (2 * Math.Sqrt(Math.PI) * Math.Max(sigmaPixels, 0.5));
            var floor = background + options.BodyBackgroundZ * noise;
            var above = values.BinarySearch((float)floor);
            above = above < 0 ? ~above : above;
            while (above < n && values[above] <= floor) above++;
            if (n - above < 16) return null;
            var foreground = RobustStatistics.QuantileOfSorted(values[above..], 0.5);
            var threshold = Math.Max(floor, options.BodyThresholdFraction * foreground);

            var mask = new byte[count];
            for (var i = 0; i < count; i++) mask[i] = smoothed[i] > threshold ? (byte)1 : (byte)0;
            if (!KeepLargestComponent(mask, width, height)) return null;
            FillHoles(mask, width, height);

            var inside = 0;
            for (var i = 0; i < count; i += step) if (mask[i] != 0) sample[inside++] = smoothed[i];
            var softTissue = RobustStatistics.Quantile(sample.AsSpan(0, inside), 0.5);
            return new BodyMask(mask, width, height, threshold, softTissue);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sample);
        }
    }

    /// <summary>Keeps only the largest 8-connected component of 1s; false when there is none.</summary>
    private static bool KeepLargestComponent(byte[] mask, int width, int height)
    {
        var count = width * height;
        var labels = ArrayPool<int>.Shared.Rent(count);
        var queue = ArrayPool<int>.Shared.Rent(count);
        try
        {
            labels.AsSpan(0, count).Clear();
            int label = 0, bestLabel = 0, bestSize = 0;
            for (var start = 0; start < count; start++)
            {
                if (mask[start] == 0 || labels[start] != 0) continue;
                label++;
                var size = Flood(mask, labels, queue, width, height, start, label, eightConnected: true, value: 1);
                if (size > bestSize) (bestSize, bestLabel) = (size, label);
            }
            if (bestSize == 0) return false;
            for (var i = 0; i < count; i++) mask[i] = labels[i] == bestLabel ? (byte)1 : (byte)0;
            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(queue);
        }
    }

    /// <summary>Background reachable from the border stays background (4-connected, so a diagonal gap in the body does
    /// not leak); every other 0 is a hole and becomes body.</summary>
    private static void FillHoles(byte[] mask, int width, int height)
    {
        var count = width * height;
        var labels = ArrayPool<int>.Shared.Rent(count);
        var queue = ArrayPool<int>.Shared.Rent(count);
        try
        {
            labels.AsSpan(0, count).Clear();
            for (var x = 0; x < width; x++)
            {
                Seed(x);
                Seed((height - 1) * width + x);
            }
            for (var y = 0; y < height; y++)
            {
                Seed(y * width);
                Seed(y * width + width - 1);
            }
            for (var i = 0; i < count; i++) if (mask[i] == 0 && labels[i] == 0) mask[i] = 1;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(queue);
        }

        void Seed(int start)
        {
            if (mask[start] == 0 && labels[start] == 0) Flood(mask, labels, queue, width, height, start, 1, eightConnected: false, value: 0);
        }
    }

    /// <summary>Labels the connected pixels equal to <paramref name="value"/> from <paramref name="start"/>; returns their number.</summary>
    private static int Flood(byte[] mask, int[] labels, int[] queue, int width, int height, int start, int label, bool eightConnected, byte value)
    {
        int head = 0, tail = 0;
        queue[tail++] = start;
        labels[start] = label;
        while (head < tail)
        {
            var p = queue[head++];
            int x = p % width, y = p / width;
            for (var dy = -1; dy <= 1; dy++)
            {
                var ny = y + dy;
                if ((uint)ny >= (uint)height) continue;
                for (var dx = -1; dx <= 1; dx++)
                {
                    if (dx == 0 && dy == 0) continue;
                    if (!eightConnected && dx != 0 && dy != 0) continue;
                    var nx = x + dx;
                    if ((uint)nx >= (uint)width) continue;
                    var q = ny * width + nx;
                    if (mask[q] != value || labels[q] != 0) continue;
                    labels[q] = label;
                    queue[tail++] = q;
                }
            }
        }
        return tail;
    }
}
