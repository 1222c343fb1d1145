namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>An axis-aligned box in patient coordinates: where a shape can be, so a slice only visits the pixels that may hold it.</summary>
internal readonly record struct Aabb(V3 Min, V3 Max)
{
    public static Aabb Around(V3 centre, double radius) => new(centre - new V3(radius, radius, radius), centre + new V3(radius, radius, radius));

    /// <summary>The box around a block given in a frame's own coordinates (lateral, anterior, axial ranges).</summary>
    public static Aabb OfLocalBox(LocalFrame frame, V3 min, V3 max, double margin = 1)
    {
        var corners = new List<V3>(8);
        foreach (var l in new[] { min.X, max.X })
            foreach (var a in new[] { min.Y, max.Y })
                foreach (var t in new[] { min.Z, max.Z })
                    corners.Add(frame.ToPatient(l, a, t));
        return Of(corners, margin);
    }

    public static Aabb Of(IEnumerable<V3> points, double margin)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, z0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue, z1 = double.MinValue;
        foreach (var p in points)
        {
            x0 = Math.Min(x0, p.X); y0 = Math.Min(y0, p.Y); z0 = Math.Min(z0, p.Z);
            x1 = Math.Max(x1, p.X); y1 = Math.Max(y1, p.Y); z1 = Math.Max(z1, p.Z);
        }
        return new Aabb(new V3(x0 - margin, y0 - margin, z0 - margin), new V3(x1 + margin, y1 + margin, z1 + margin));
    }
}
