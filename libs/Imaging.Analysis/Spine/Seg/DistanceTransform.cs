namespace Imaging.Analysis.Spine.Seg;

/// <summary>Exact squared Euclidean distance (mm²) from every voxel to the nearest feature voxel on an anisotropic grid:
/// three separable passes of the lower envelope of parabolas (Felzenszwalb and Huttenlocher's method), linear in voxels.</summary>
internal static class DistanceTransform
{
    /// <summary>Stands for "no feature on this line yet"; large but finite so sums stay ordered.</summary>
    private const double Far = 1e20;

    public static double[] Squared(bool[] feature, int sx, int sy, int sz, double wx, double wy, double wz)
    {
        var d = new double[feature.Length];
        for (var n = 0; n < d.Length; n++) d[n] = feature[n] ? 0 : Far;
        var longest = Math.Max(sx, Math.Max(sy, sz));
        var f = new double[longest];
        var result = new double[longest];
        var v = new int[longest];
        var z = new double[longest + 1];
        for (var k = 0; k < sz; k++)
            for (var j = 0; j < sy; j++)
                Line(d, ((long)k * sy + j) * sx, 1, sx, wx, f, result, v, z);
        for (var k = 0; k < sz; k++)
            for (var i = 0; i < sx; i++)
                Line(d, (long)k * sy * sx + i, sx, sy, wy, f, result, v, z);
        for (var j = 0; j < sy; j++)
            for (var i = 0; i < sx; i++)
                Line(d, (long)j * sx + i, (long)sx * sy, sz, wz, f, result, v, z);
        return d;
    }

    private static double Intersection(double[] f, double w2, int q, int p) =>
        ((f[q] + w2 * q * q) - (f[p] + w2 * p * p)) / (2 * w2 * (q - p));

    private static void Line(double[] d, long start, long stride, int n, double w, double[] f, double[] result, int[] v, double[] z)
    {
        for (var q = 0; q < n; q++) f[q] = d[start + q * stride];
        var w2 = w * w;
        var count = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (var q = 1; q < n; q++)
        {
            // Where the parabola of q overtakes the lowest one so far (index units); z[0] = −∞ keeps count ≥ 0.
            var s = Intersection(f, w2, q, v[count]);
            while (s <= z[count])
            {
                count--;
                s = Intersection(f, w2, q, v[count]);
            }
            count++;
            v[count] = q;
            z[count] = s;
            z[count + 1] = double.PositiveInfinity;
        }
        var h = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[h + 1] < q) h++;
            var diff = q - v[h];
            result[q] = w2 * diff * diff + f[v[h]];
        }
        for (var q = 0; q < n; q++) d[start + q * stride] = Math.Min(result[q], Far);
    }
}
