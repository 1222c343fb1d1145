namespace Imaging.Analysis.BoneScan;

/// <summary>A local generative test of a focus lateral of the spine: the neighbourhood is modelled as the contralateral
/// neighbourhood (registered by a small shift) times a fitted gain, with or without a Gaussian blob of the focus's scale
/// at the candidate; the score statistic of the blob's amplitude (the Poisson likelihood ratio linearised at no blob)
/// decides. Both views add up in one statistic, so a lesion seen weakly in both is seen.</summary>
/// <remarks>
/// With counts n, the registered mirror m, gain g and blob profile G, the statistic is
/// T = Σ G (n − g m) / √(Σ G² (n + g² m)): the variance holds the noise of the data and of the reference, so its scale does
/// not depend on the count level and one threshold calibrated on normal phantoms keeps a fixed false-positive rate. The
/// gain comes from the ring of the neighbourhood outside the blob (pose, attenuation and real left–right differences of
/// the whole region), so only a local excess over the other side counts. An ideal observer with the exact mirror reaches
/// every 2× lesion of 15 mm on the phantoms at 1.5 M counts (the statistic at the lesion is 10–30 against a threshold near
/// 4, docs/analysis.md): what a real reference loses is registration and anatomy, not counts.
/// </remarks>
internal static class MirrorLikelihood
{
    private const int Sectors = 8;

    /// <summary>The statistic of one view: NaN when the neighbourhood or its mirror leaves the image or the body.</summary>
    public static double Score(float[] raw, float[] smoothed, int width, int height, int px, int py, double sigma, double neighbourhoodRadius,
        BodyMask mask, RegionMap map, int shiftPixels, double maximumGainChange)
    {
        var reach = (int)Math.Ceiling(neighbourhoodRadius);
        var mirrorX = (int)Math.Round(2 * map.SpineAt(py) - px);
        if (mirrorX - reach - shiftPixels < 0 || mirrorX + reach + shiftPixels >= width
            || px - reach < 0 || px + reach >= width || py - reach - shiftPixels < 0 || py + reach + shiftPixels >= height)
            return double.NaN;
        // The blob's own wings stay out of the gain and the registration: beyond 2.5 σ they hold under 5 % of its height.
        var inner = 2.5 * sigma;
        var (shiftX, shiftY) = Register(smoothed, width, px, py, mirrorX, reach, inner, neighbourhoodRadius, shiftPixels);

        // The gain per sector of the ring, then their median: a lesion or joint in one sector of either side moves one
        // ratio, not the gain (a mean over the ring let a lesion beside the mirror raise a false focus here).
        Span<double> sectorData = stackalloc double[Sectors];
        Span<double> sectorMirror = stackalloc double[Sectors];
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                var r2 = dx * dx + dy * dy;
                if (r2 < inner * inner || r2 > neighbourhoodRadius * neighbourhoodRadius) continue;
                int x = px + dx, y = py + dy, mx = mirrorX - dx + shiftX, my = py + dy + shiftY;
                if (!mask.Contains(x, y) || !mask.Contains(mx, my)) continue;
                var sector = (int)((Math.Atan2(dy, dx) + Math.PI) / (2 * Math.PI) * Sectors) % Sectors;
                sectorData[sector] += raw[y * width + x];
                sectorMirror[sector] += raw[my * width + mx];
            }
        }
        Span<double> ratios = stackalloc double[Sectors];
        var used = 0;
        for (var k = 0; k < Sectors; k++)
            if (sectorData[k] > 0 && sectorMirror[k] > 0) ratios[used++] = sectorData[k] / sectorMirror[k];
        if (used < Sectors / 2) return double.NaN;
        ratios = ratios[..used];
        ratios.Sort();
        var median = used % 2 == 1 ? ratios[used / 2] : 0.5 * (ratios[used / 2 - 1] + ratios[used / 2]);
        var gain = Math.Clamp(median, 1 / maximumGainChange, maximumGainChange);

        double numerator = 0, variance = 0;
        var core = (int)Math.Ceiling(3 * sigma);
        var twoSigma2 = 2 * sigma * sigma;
        for (var dy = -core; dy <= core; dy++)
        {
            for (var dx = -core; dx <= core; dx++)
            {
                var r2 = dx * dx + dy * dy;
                if (r2 > 9 * sigma * sigma) continue;
                int x = px + dx, y = py + dy, mx = mirrorX - dx + shiftX, my = py + dy + shiftY;
                // Beside the body (an arm at the edge) the profile is cut, not the test: both sides outside carry nothing.
                if (!mask.Contains(x, y) || !mask.Contains(mx, my)) continue;
                var g = Math.Exp(-r2 / twoSigma2);
                var n = raw[y * width + x];
                var m = raw[my * width + mx];
                numerator += g * (n - gain * m);
                variance += g * g * (n + gain * gain * m);
            }
        }
        return variance > 0 ? numerator / Math.Sqrt(variance) : double.NaN;
    }

    /// <summary>The shift of the mirror whose ring best matches the focus's ring (least squares on the smoothed image);
    /// ties go to the smaller shift, no shift being the prior.</summary>
    private static (int X, int Y) Register(float[] smoothed, int width, int px, int py, int mirrorX, int reach, double inner, double outer, int shiftPixels)
    {
        var best = (X: 0, Y: 0);
        var bestCost = double.MaxValue;
        // Every second pixel of the ring: the smoothed image varies slowly and the search runs per candidate.
        for (var sy = -shiftPixels; sy <= shiftPixels; sy++)
        {
            for (var sx = -shiftPixels; sx <= shiftPixels; sx++)
            {
                double cost = 0;
                for (var dy = -reach; dy <= reach; dy += 2)
                {
                    for (var dx = -reach; dx <= reach; dx += 2)
                    {
                        var r2 = dx * dx + dy * dy;
                        if (r2 < inner * inner || r2 > outer * outer) continue;
                        var d = smoothed[(py + dy) * width + px + dx] - smoothed[(py + dy + sy) * width + mirrorX - dx + sx];
                        cost += d * d;
                    }
                }
                if (cost < bestCost - 1e-9 || (Math.Abs(cost - bestCost) <= 1e-9 && Math.Abs(sx) + Math.Abs(sy) < Math.Abs(best.X) + Math.Abs(best.Y)))
                    (bestCost, best) = (cost, (sx, sy));
            }
        }
        return best;
    }
}
