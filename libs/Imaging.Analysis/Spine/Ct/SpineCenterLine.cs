using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>The smoothed canal centre line sampled every <see cref="StepMm"/> of arc length from caudal to cranial, with a
/// moving frame per sample: tangent (cranial), anterior (the patient's front, made perpendicular to the tangent) and lateral.
/// Positions are grid millimetres (voxel index × spacing).</summary>
internal sealed class SpineCenterLine
{
    public const double StepMm = 0.5;

    private SpineCenterLine(Vec3[] points, Vec3[] tangents, Vec3[] anteriors, double[] spacing)
    {
        Points = points;
        Tangents = tangents;
        Anteriors = anteriors;
        Spacing = spacing;
    }

    public Vec3[] Points { get; }
    public Vec3[] Tangents { get; }
    public Vec3[] Anteriors { get; }
    public double[] Spacing { get; }
    public int Count => Points.Length;

    public Vec3 Lateral(int s) => Tangents[s].Cross(Anteriors[s]);

    /// <summary>Grid mm position at <paramref name="anterior"/> in front of and <paramref name="lateral"/> beside sample <paramref name="s"/>.</summary>
    public Vec3 At(int s, double anterior, double lateral = 0) => Points[s] + Anteriors[s] * anterior + Lateral(s) * lateral;

    public float Sample(CtVolume volume, Vec3 gridMm, float outside = -1024) =>
        volume.Sample(gridMm.X / Spacing[0], gridMm.Y / Spacing[1], gridMm.Z / Spacing[2], outside);

    /// <summary>Builds the line from the per-plane canal centres; null when fewer than 10 planes saw the canal.</summary>
    public static SpineCenterLine? Build(CtVolume volume, double[] canalX, double[] canalY, SpineAnalysisOptions options)
    {
        var nz = volume.SizeZ;
        double hx = volume.SpacingMm[0], hy = volume.SpacingMm[1], hz = volume.SpacingMm[2];
        var seen = Enumerable.Range(0, nz).Where(k => !double.IsNaN(canalX[k])).ToArray();
        if (seen.Length < 10) return null;
        int first = seen[0], last = seen[^1];
        // Fill gaps linearly between seen planes (discs open the bony ring), then hold the ends flat for a few mm.
        var x = new double[nz];
        var y = new double[nz];
        for (var n = 0; n < seen.Length; n++)
        {
            var k0 = seen[n];
            x[k0] = canalX[k0] * hx;
            y[k0] = canalY[k0] * hy;
            if (n + 1 < seen.Length)
            {
                var k1 = seen[n + 1];
                for (var k = k0 + 1; k < k1; k++)
                {
                    var t = (double)(k - k0) / (k1 - k0);
                    x[k] = (canalX[k0] + (canalX[k1] - canalX[k0]) * t) * hx;
                    y[k] = (canalY[k0] + (canalY[k1] - canalY[k0]) * t) * hy;
                }
            }
        }
        var extend = (int)Math.Round(15 / hz);
        int lo = Math.Max(0, first - extend), hi = Math.Min(nz - 1, last + extend);
        for (var k = lo; k < first; k++) { x[k] = x[first]; y[k] = y[first]; }
        for (var k = last + 1; k <= hi; k++) { x[k] = x[last]; y[k] = y[last]; }

        var half = Math.Max(1, (int)Math.Round(options.CenterLineSmoothingMm / hz / 2));
        var polyline = new List<Vec3>(hi - lo + 1);
        for (var k = lo; k <= hi; k++)
        {
            double sx = 0, sy = 0;
            var count = 0;
            for (var m = Math.Max(lo, k - half); m <= Math.Min(hi, k + half); m++)
            {
                sx += x[m];
                sy += y[m];
                count++;
            }
            polyline.Add(new Vec3(sx / count, sy / count, k * hz));
        }

        // The patient's anterior (−y in LPS) and cranial (+z) directions in grid coordinates (columns of the affine).
        var a = volume.Affine;
        Vec3 ToGrid(Vec3 patient) => new Vec3(
            (a[0] * patient.X + a[4] * patient.Y + a[8] * patient.Z) / hx,
            (a[1] * patient.X + a[5] * patient.Y + a[9] * patient.Z) / hy,
            (a[2] * patient.X + a[6] * patient.Y + a[10] * patient.Z) / hz);
        var anteriorGrid = ToGrid(new Vec3(0, -1, 0)).Normalized();
        var cranialGrid = ToGrid(new Vec3(0, 0, 1)).Normalized();
        if (cranialGrid.Z < 0) polyline.Reverse();

        // Resample by arc length.
        var cumulative = new double[polyline.Count];
        for (var n = 1; n < polyline.Count; n++) cumulative[n] = cumulative[n - 1] + (polyline[n] - polyline[n - 1]).Length;
        var samples = (int)(cumulative[^1] / StepMm) + 1;
        if (samples < 10) return null;
        var points = new Vec3[samples];
        var segment = 0;
        for (var s = 0; s < samples; s++)
        {
            var arc = s * StepMm;
            while (segment + 2 < polyline.Count && cumulative[segment + 1] < arc) segment++;
            var span = cumulative[segment + 1] - cumulative[segment];
            var t = span > 0 ? Math.Clamp((arc - cumulative[segment]) / span, 0, 1) : 0;
            points[s] = polyline[segment] + (polyline[segment + 1] - polyline[segment]) * t;
        }
        var tangents = new Vec3[samples];
        var anteriors = new Vec3[samples];
        var reach = (int)Math.Round(3 / StepMm);
        for (var s = 0; s < samples; s++)
        {
            var t = (points[Math.Min(samples - 1, s + reach)] - points[Math.Max(0, s - reach)]).Normalized();
            tangents[s] = t;
            anteriors[s] = (anteriorGrid - t * anteriorGrid.Dot(t)).Normalized();
        }
        return new SpineCenterLine(points, tangents, anteriors, [hx, hy, hz]);
    }
}
