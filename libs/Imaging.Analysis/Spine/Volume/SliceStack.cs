using System.Globalization;

namespace Imaging.Analysis.Spine.Volume;

/// <summary>The usable slices in order along their common normal, with the directions and spacing they share.</summary>
internal sealed class SliceStack
{
    public required IReadOnlyList<SourceSlice> Slices { get; init; }

    /// <summary>Unit row direction (image rows run along it: the i axis).</summary>
    public required double[] Row { get; init; }

    /// <summary>Unit column direction (the j axis).</summary>
    public required double[] Column { get; init; }

    /// <summary>Unit normal, row × column: slices ascend along it.</summary>
    public required double[] Normal { get; init; }

    public required int Rows { get; init; }
    public required int Columns { get; init; }

    /// <summary>Spacing between rows (along <see cref="Column"/>) and between columns (along <see cref="Row"/>), mm.</summary>
    public required double RowSpacing { get; init; }
    public required double ColumnSpacing { get; init; }

    /// <summary>Median step between neighbouring slices along the normal, mm.</summary>
    public required double SliceSpacing { get; init; }

    /// <summary>Sorts, removes what does not belong and records why.</summary>
    public static SliceStack Arrange(List<SourceSlice> all, CtVolumeLoaderOptions options, List<VolumeWarning> warnings)
    {
        // The orientation most slices share; a localizer or another plane does not get to set it.
        var clusters = new List<(double[] Normal, List<SourceSlice> Members)>();
        foreach (var slice in all)
        {
            var normal = Normalize(Cross(slice.Orientation.AsSpan(0, 3), slice.Orientation.AsSpan(3, 3)));
            var found = clusters.FindIndex(c => Dot(c.Normal, normal) >= SameOrientationCosine);
            if (found < 0) clusters.Add((normal, [slice]));
            else clusters[found].Members.Add(slice);
        }
        var main = clusters.MaxBy(c => c.Members.Count);
        var others = all.Except(main.Members).ToList();
        if (others.Count > 0)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.MixedOrientation,
                $"{others.Count} slice(s) in another orientation than the {main.Members.Count} others; left out", Names(others)));

        // The matrix and pixel spacing most of them share.
        var byMatrix = main.Members.GroupBy(s => (s.Rows, s.Columns, Math.Round(s.RowSpacing, 3), Math.Round(s.ColumnSpacing, 3)))
            .OrderByDescending(g => g.Count()).ToList();
        var kept = byMatrix[0].ToList();
        if (byMatrix.Count > 1)
        {
            var left = byMatrix.Skip(1).SelectMany(g => g).ToList();
            warnings.Add(new VolumeWarning(VolumeWarningCodes.MixedMatrix,
                $"{left.Count} slice(s) with another matrix or pixel spacing than {kept[0].Rows} × {kept[0].Columns} at {Text(kept[0].RowSpacing)} × {Text(kept[0].ColumnSpacing)} mm; left out",
                Names(left)));
        }

        var first = kept[0];
        var row = Normalize([first.Orientation[0], first.Orientation[1], first.Orientation[2]]);
        var column = Normalize([first.Orientation[3], first.Orientation[4], first.Orientation[5]]);
        if (!(Math.Abs(Dot(row, row) - 1) < 1e-6 && Math.Abs(Dot(column, column) - 1) < 1e-6))
            throw new CtVolumeException("Image Orientation (Patient) holds a zero direction");
        var orthogonality = Math.Abs(Dot(row, column));
        if (orthogonality > 1e-3)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.NonOrthogonalOrientation,
                $"Row and column directions are {Text(Math.Acos(Math.Clamp(orthogonality, 0, 1)) * 180 / Math.PI)}° apart, not 90°"));
        var normalAxis = Normalize(Cross(row, column));
        if (Dot(normalAxis, normalAxis) < 0.5) throw new CtVolumeException("Image Orientation (Patient) has parallel row and column directions");

        foreach (var slice in kept) slice.Distance = Dot(slice.Position, normalAxis);
        var sorted = kept.OrderBy(s => s.Distance).ThenBy(s => s.InstanceNumber).ThenBy(s => s.Frame)
            .ThenBy(s => s.Instance, StringComparer.Ordinal).ToList();

        var unique = new List<SourceSlice>(sorted.Count);
        var duplicates = new List<SourceSlice>();
        foreach (var slice in sorted)
        {
            if (unique.Count > 0 && slice.Distance - unique[^1].Distance < SameLocationMm) duplicates.Add(slice);
            else unique.Add(slice);
        }
        if (duplicates.Count > 0)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.DuplicatePosition,
                $"{duplicates.Count} slice(s) at a position another slice already has; the first in instance order is used", Names(duplicates)));

        double spacing;
        if (unique.Count == 1)
        {
            spacing = unique[0].Thickness is > 0 and < 100 ? unique[0].Thickness!.Value : 1;
            warnings.Add(new VolumeWarning(VolumeWarningCodes.SingleSlice, $"One slice only; its thickness {Text(spacing)} mm stands for the spacing"));
        }
        else
        {
            var steps = new double[unique.Count - 1];
            for (var i = 0; i < steps.Length; i++) steps[i] = unique[i + 1].Distance - unique[i].Distance;
            spacing = Median(steps);
            var tolerance = Math.Max(0.02, options.SpacingTolerance * spacing);
            var gaps = new List<string>();
            var missing = 0;
            var uneven = 0;
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i] >= options.GapFactor * spacing)
                {
                    missing += Math.Max(1, (int)Math.Round(steps[i] / spacing) - 1);
                    gaps.Add($"{Text(unique[i].Distance)}–{Text(unique[i + 1].Distance)} mm");
                }
                else if (Math.Abs(steps[i] - spacing) > tolerance)
                {
                    uneven++;
                }
            }
            if (gaps.Count > 0)
                warnings.Add(new VolumeWarning(VolumeWarningCodes.SliceGap,
                    $"{gaps.Count} gap(s), about {missing} missing slice(s) at spacing {Text(spacing)} mm: {string.Join(", ", gaps.Take(5))}; interpolated across"));
            if (uneven > 0)
                warnings.Add(new VolumeWarning(VolumeWarningCodes.NonUniformSpacing,
                    $"{uneven} step(s) differ from the median spacing {Text(spacing)} mm by more than {Text(tolerance)} mm"));

            // Tilt: consecutive positions should move along the normal only.
            var worst = 0.0;
            for (var i = 0; i + 1 < unique.Count; i++)
            {
                var delta = Subtract(unique[i + 1].Position, unique[i].Position);
                var along = Dot(delta, normalAxis);
                var across = Math.Sqrt(Math.Max(0, Dot(delta, delta) - along * along));
                worst = Math.Max(worst, Math.Atan2(across, Math.Abs(along)) * 180 / Math.PI);
            }
            if (worst > options.TiltToleranceDegrees)
                warnings.Add(new VolumeWarning(VolumeWarningCodes.GantryTilt,
                    $"Slices are stacked {Text(worst)}° off their normal (gantry tilt or a sheared stack)"));
        }

        return new SliceStack
        {
            Slices = unique,
            Row = row,
            Column = column,
            Normal = normalAxis,
            Rows = first.Rows,
            Columns = first.Columns,
            RowSpacing = first.RowSpacing,
            ColumnSpacing = first.ColumnSpacing,
            SliceSpacing = spacing,
        };
    }

    /// <summary>Normals closer than this (|cos|) are one orientation (about 0.8°).</summary>
    private const double SameOrientationCosine = 0.9999;

    /// <summary>Positions closer than this along the normal (mm) are one location.</summary>
    private const double SameLocationMm = 0.01;

    private static string[] Names(IEnumerable<SourceSlice> slices) => slices.Select(s => s.Instance).Distinct().ToArray();

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    public static double[] Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

    public static double[] Subtract(double[] a, double[] b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

    public static double[] Normalize(double[] v)
    {
        var length = Math.Sqrt(Dot(v, v));
        return length > 1e-12 ? [v[0] / length, v[1] / length, v[2] / length] : [0, 0, 0];
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
