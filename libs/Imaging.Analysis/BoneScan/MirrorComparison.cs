namespace Imaging.Analysis.BoneScan;

/// <summary>A focus lateral of the spine compared with the contralateral bone as a whole blob rather than peak against
/// brightest mirror pixel: the mirror is first registered to the focus by a small shift that best matches the ring of
/// bone around both (absorbing pose asymmetry and spine-line error without picking the mirror's noise maximum), then
/// the raw counts of the two cores are compared as Poisson samples.</summary>
internal static class MirrorComparison
{
    /// <summary>The result: the core's counts over the mirror core's (a ratio of means), and the Poisson z-score of their
    /// difference. NaN when the mirror core leaves the image or the body.</summary>
    public readonly record struct Result(double Contrast, double ZScore);

    public static Result Compare(float[] raw, float[] smoothed, int width, int height, int px, int py, double coreRadius,
        BodyMask mask, RegionMap map, int shiftPixels)
    {
        var core = Math.Max(1.5, coreRadius);
        var inner = core + 1;
        var outer = inner + Math.Max(2, core);
        var reach = (int)Math.Ceiling(outer);
        var mirrorX = (int)Math.Round(2 * map.SpineAt(py) - px);
        if (mirrorX - reach - shiftPixels < 0 || mirrorX + reach + shiftPixels >= width
            || px - reach < 0 || px + reach >= width || py - reach - shiftPixels < 0 || py + reach + shiftPixels >= height)
            return new(double.NaN, double.NaN);

        // The shift whose mirrored ring matches the focus's ring best (least squares on the smoothed image): the ring is
        // the bone around the focus, which the other side should repeat once pose is accounted for.
        var bestShiftX = 0;
        var bestShiftY = 0;
        var bestCost = double.MaxValue;
        for (var sy = -shiftPixels; sy <= shiftPixels; sy++)
        {
            for (var sx = -shiftPixels; sx <= shiftPixels; sx++)
            {
                double cost = 0;
                for (var dy = -reach; dy <= reach; dy++)
                {
                    for (var dx = -reach; dx <= reach; dx++)
                    {
                        var r = Math.Sqrt(dx * dx + dy * dy);
                        if (r < inner || r > outer) continue;
                        var d = smoothed[(py + dy) * width + px + dx] - smoothed[(py + dy + sy) * width + mirrorX - dx + sx];
                        cost += d * d;
                    }
                }
                // Ties go to the smaller shift: no shift is the prior.
                if (cost < bestCost - 1e-9 || (Math.Abs(cost - bestCost) <= 1e-9 && Math.Abs(sx) + Math.Abs(sy) < Math.Abs(bestShiftX) + Math.Abs(bestShiftY)))
                    (bestCost, bestShiftX, bestShiftY) = (cost, sx, sy);
            }
        }

        double focus = 0, mirror = 0;
        var coreReach = (int)Math.Ceiling(core);
        for (var dy = -coreReach; dy <= coreReach; dy++)
        {
            for (var dx = -coreReach; dx <= coreReach; dx++)
            {
                if (dx * dx + dy * dy > core * core) continue;
                int mx = mirrorX - dx + bestShiftX, my = py + dy + bestShiftY;
                if (!mask.Contains(mx, my)) return new(double.NaN, double.NaN);
                focus += raw[(py + dy) * width + px + dx];
                mirror += raw[my * width + mx];
            }
        }
        if (mirror <= 0) return new(double.PositiveInfinity, double.PositiveInfinity);
        return new(focus / mirror, (focus - mirror) / Math.Sqrt(focus + mirror));
    }
}
