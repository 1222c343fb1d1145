namespace Imaging.Analysis.Metadata;

/// <summary>Sorts slices along the normal of their common orientation and measures the steps between them.</summary>
internal static class SliceGeometry
{
    /// <summary>Normals closer than this (|cos|) count as one orientation: about 2.6 degrees.</summary>
    private const double SameOrientationCosine = 0.999;

    /// <summary>Positions closer than this (mm) are one location (echoes or phases of one slice).</summary>
    private const double SameLocation = 1e-3;

    /// <summary>Positions are rounded to this many decimals (0.1 µm) so float noise does not reach the findings.</summary>
    private const int PositionDecimals = 4;

    public readonly record struct Result(
        IReadOnlyList<double>? Orientation,
        IReadOnlyList<double>? Normal,
        IReadOnlyList<double> Positions,
        double? Spacing,
        bool Uniform,
        IReadOnlyList<SliceGap> Gaps,
        int Duplicates,
        int OtherOrientation);

    public static Result Compute(IReadOnlyList<SlicePlane> planes)
    {
        if (planes.Count == 0) return new Result(null, null, [], null, true, [], 0, 0);

        // The orientation most slices share; a localizer or a reformat in another plane does not get to set it.
        var clusters = new List<(double[] Normal, IReadOnlyList<double> Orientation, List<SlicePlane> Members)>();
        foreach (var plane in planes)
        {
            var normal = NormalOf(plane.Orientation);
            var cluster = clusters.FindIndex(c => Math.Abs(Dot(c.Normal, normal)) >= SameOrientationCosine);
            if (cluster < 0) clusters.Add((normal, plane.Orientation, [plane]));
            else clusters[cluster].Members.Add(plane);
        }
        var main = clusters.MaxBy(c => c.Members.Count);

        var sorted = main.Members.Select(p => Dot(p.Position, main.Normal)).Order().ToList();
        var positions = new List<double>(sorted.Count);
        var duplicates = 0;
        foreach (var p in sorted)
        {
            if (positions.Count > 0 && p - positions[^1] < SameLocation) duplicates++;
            else positions.Add(p);
        }

        double? spacing = null;
        var uniform = true;
        var gaps = new List<SliceGap>();
        if (positions.Count >= 2)
        {
            var steps = new double[positions.Count - 1];
            for (var i = 0; i < steps.Length; i++) steps[i] = positions[i + 1] - positions[i];
            var median = Median(steps);
            // Scanners round positions to a few micrometres; 5% of the spacing is still far below one missing slice (100%).
            var tolerance = Math.Max(0.02, 0.05 * median);
            for (var i = 0; i < steps.Length; i++)
            {
                if (Math.Abs(steps[i] - median) > tolerance) uniform = false;
                if (steps[i] > median + tolerance)
                {
                    var missing = Math.Max(1, (int)Math.Round(steps[i] / median) - 1);
                    gaps.Add(new SliceGap(Round(positions[i]), Round(positions[i + 1]), Round(steps[i]), missing));
                }
            }
            spacing = Round(median);
        }

        return new Result(main.Orientation, main.Normal.Select(Round).ToArray(), positions.Select(Round).ToArray(), spacing, uniform, gaps,
            duplicates, planes.Count - main.Members.Count);
    }

    /// <summary>Row direction × column direction (PS3.3 C.7.6.2.1.1).</summary>
    public static double[] NormalOf(IReadOnlyList<double> orientation)
    {
        double rx = orientation[0], ry = orientation[1], rz = orientation[2];
        double cx = orientation[3], cy = orientation[4], cz = orientation[5];
        var n = new[] { ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx };
        var length = Math.Sqrt(Dot(n, n));
        if (length > 0) for (var i = 0; i < 3; i++) n[i] /= length;
        return n;
    }

    /// <summary>Whether six direction cosines describe two non-parallel directions (a usable orientation).</summary>
    public static bool IsUsableOrientation(IReadOnlyList<double> orientation)
    {
        var n = NormalOf(orientation);
        return Math.Abs(Dot(n, n) - 1) < 1e-6;
    }

    private static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Round(double value)
    {
        var rounded = Math.Round(value, PositionDecimals);
        // -0 prints as "-0" in JSON; nobody means it.
        return rounded == 0 ? 0 : rounded;
    }
}
