namespace Imaging.Analysis.Spine.Mr;

/// <summary>A body's marrow signal as a plane over the image (a + b·x + c·y), fitted to its core: what coil shading the
/// wide bias correction leaves across one body (tens of percent front to back on a posterior coil) then does not cut its
/// far side off.</summary>
internal readonly record struct MarrowPlane(double A, double B, double C)
{
    public static MarrowPlane Constant(double value) => new(value, 0, 0);

    public double At(double x, double y) => A + B * x + C * y;

    /// <summary>Least squares over the samples; the median when they do not span a plane.</summary>
    public static MarrowPlane Fit(IReadOnlyList<(double X, double Y, double V)> samples, double median)
    {
        double n = samples.Count, sx = 0, sy = 0, sv = 0;
        foreach (var (x, y, v) in samples) { sx += x; sy += y; sv += v; }
        double mx = sx / n, my = sy / n, mv = sv / n;
        double xx = 0, xy = 0, yy = 0, xv = 0, yv = 0;
        foreach (var (x, y, v) in samples)
        {
            double dx = x - mx, dy = y - my, dv = v - mv;
            xx += dx * dx; xy += dx * dy; yy += dy * dy; xv += dx * dv; yv += dy * dv;
        }
        var det = xx * yy - xy * xy;
        if (Math.Abs(det) < 1e-9 * Math.Max(1, xx * yy)) return Constant(median);
        var b = (xv * yy - yv * xy) / det;
        var c = (yv * xx - xv * xy) / det;
        // Centred on the median rather than the mean so a few noisy or partial-volume samples do not shift the band.
        return new MarrowPlane(median - b * mx - c * my, b, c);
    }
}
