namespace Imaging.Analysis.BoneScan;

/// <summary>What normal bone would show at a position of one view: the contralateral bone (the position mirrored about
/// the spine line) lateral of the spine, the same spine column above and below on the midline. A reader judges
/// uptake the same way, by asymmetry and against the neighbouring vertebrae, and both cancel the normal anatomy
/// (sacroiliac joints, hips, wrists, the bright lumbar spine) that a single global normal-bone level cannot.</summary>
internal static class ExpectedUptake
{
    /// <summary>The expected level at (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="smoothed"/>, or NaN
    /// when there is nothing to compare with (the mirror falls outside the image or the body).</summary>
    public static double At(float[] smoothed, int width, int height, int x, int y, BodyMask mask, RegionMap map, BoneScanOptions options)
    {
        var spacing = map.SpacingMm;
        if (Math.Abs(map.LateralMm(x, y)) >= options.MirrorMinimumLateralMm)
        {
            // The brightest pixel near the mirrored position: a one- or two-pixel error of the spine line or a slightly
            // asymmetric pose must not make normal bone look hot.
            var mirrorX = (int)Math.Round(2 * map.SpineAt(y) - x);
            var tolerance = Math.Max(1, (int)Math.Round(options.MirrorToleranceMm / spacing));
            double best = double.NaN;
            for (var yy = Math.Max(0, y - tolerance); yy <= Math.Min(height - 1, y + tolerance); yy++)
                for (var xx = Math.Max(0, mirrorX - tolerance); xx <= Math.Min(width - 1, mirrorX + tolerance); xx++)
                    if (mask.Contains(xx, yy) && !(smoothed[yy * width + xx] <= best)) best = smoothed[yy * width + xx];
            return best;
        }
        var near = Math.Max(1, (int)Math.Round(options.MidlineReferenceFromMm / spacing));
        var far = Math.Max(near + 1, (int)Math.Round(options.MidlineReferenceToMm / spacing));
        Span<float> values = stackalloc float[far - near + 1];
        double sum = 0;
        var sides = 0;
        foreach (var direction in (ReadOnlySpan<int>)[-1, 1])
        {
            var n = 0;
            for (var d = near; d <= far; d++)
            {
                var yy = y + direction * d;
                if ((uint)yy >= (uint)height) break;
                // Follow the spine line so that a curved spine still compares vertebra with vertebra.
                var xx = (int)Math.Round(x + map.SpineAt(yy) - map.SpineAt(y));
                if (!mask.Contains(xx, yy)) continue;
                values[n++] = smoothed[yy * width + xx];
            }
            if (n < (far - near + 1) / 2) continue;
            var side = values[..n];
            side.Sort();
            sum = options.MidlineReferenceBrighterSide ? Math.Max(sum, side[n / 2]) : sum + side[n / 2];
            sides++;
        }
        return sides == 0 ? double.NaN : options.MidlineReferenceBrighterSide ? sum : sum / sides;
    }
}
