namespace Imaging.Analysis.Spine.Mr;

/// <summary>The canal's anterior edge on the mid-sagittal plane as points one pixel apart along the curve (head first), with
/// unit normals pointing anterior (towards the bodies).</summary>
internal sealed class CanalLine
{
    private readonly (double X, double Y, double Nx, double Ny)[] _points;

    public CanalLine((double X, double Y, double Nx, double Ny)[] points) => _points = points;

    public int Count => _points.Length;

    /// <summary>The point <paramref name="depth"/> pixels in front of arc position <paramref name="s"/> (interpolated, clamped).</summary>
    public (double X, double Y) At(double s, double depth)
    {
        s = Math.Clamp(s, 0, _points.Length - 1);
        var i = Math.Min((int)s, _points.Length - 2);
        var t = s - i;
        var a = _points[i];
        var b = _points[Math.Min(i + 1, _points.Length - 1)];
        double x = a.X + (b.X - a.X) * t, y = a.Y + (b.Y - a.Y) * t;
        double nx = a.Nx + (b.Nx - a.Nx) * t, ny = a.Ny + (b.Ny - a.Ny) * t;
        return (x + nx * depth, y + ny * depth);
    }

    public static CanalLine Resample(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) return new CanalLine([]);
        var arc = new double[points.Count];
        for (var i = 1; i < points.Count; i++)
            arc[i] = arc[i - 1] + Math.Sqrt(Math.Pow(points[i].X - points[i - 1].X, 2) + Math.Pow(points[i].Y - points[i - 1].Y, 2));
        var count = (int)Math.Floor(arc[^1]) + 1;
        var result = new (double, double, double, double)[count];
        var j = 0;
        for (var s = 0; s < count; s++)
        {
            while (j + 2 < points.Count && arc[j + 1] < s) j++;
            var span = Math.Max(1e-9, arc[j + 1] - arc[j]);
            var t = Math.Clamp((s - arc[j]) / span, 0, 1);
            var x = points[j].X + (points[j + 1].X - points[j].X) * t;
            var y = points[j].Y + (points[j + 1].Y - points[j].Y) * t;
            // Tangent over a few points either side: one-pixel steps of a row-by-row edge are too coarse for a direction.
            int a = Math.Max(0, j - 4), b = Math.Min(points.Count - 1, j + 5);
            double tx = points[b].X - points[a].X, ty = points[b].Y - points[a].Y;
            var length = Math.Sqrt(tx * tx + ty * ty);
            if (length < 1e-9) (tx, ty, length) = (0, 1, 1);
            tx /= length;
            ty /= length;
            // y runs inferior; anterior is −x: the normal (−ty, tx) points anterior while the curve runs downwards.
            result[s] = (x, y, -ty, tx);
        }
        return new CanalLine(result);
    }
}
