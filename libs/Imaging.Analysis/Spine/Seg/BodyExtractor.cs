using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Reduces whole-vertebra segments (body + pedicles, laminae, processes, as deep-learning tools label them) to the
/// vertebral body. Per level, on the label's bounding box:
/// 1. a morphological opening with a ball of <see cref="SegLabelOptions.OpeningFraction"/> × the largest inscribed radius
///    keeps the thick body and drops the thin posterior elements; when it removes less than
///    <see cref="SegLabelOptions.WholeVertebraResidualFraction"/> of the voxels, or the removed part's centroid lies less than
///    <see cref="SegLabelOptions.WholeVertebraOffsetRatio"/> × the inscribed radius from the opened body's, the segment is a
///    body already and is kept whole;
/// 2. the posterior direction runs from the opened body's centroid to the removed part's centroid, made perpendicular to the
///    spine's axis (through the neighbouring levels' centroids);
/// 3. walking along it from the body centre, the body ends where the segment's cross-section falls below
///    <see cref="SegLabelOptions.PosteriorWallAreaFraction"/> of the central one (only the two pedicles continue);
/// 4. the body is the segment in front of that plane, plus the opened body up to one opening radius behind it (the curved
///    posterior wall; thick posterior elements of flat, crushed bodies can survive a small opening further back), reduced to
///    its largest 6-connected component (transverse-process tips that survive the opening are not connected to it).</summary>
internal static class BodyExtractor
{
    /// <summary>Cuts label <paramref name="label"/> (inside <paramref name="box"/>, inclusive voxel bounds) down to its body;
    /// false when it was left as it is (a body already, or too small to tell).</summary>
    public static bool Extract(byte[] labels, CtVolume volume, byte label, LabelBox box, (double X, double Y, double Z)? axis, SegLabelOptions options)
    {
        var (sx, sy) = (volume.SizeX, volume.SizeY);
        var (i0, i1, j0, j1, k0, k1) = (box.I0, box.I1, box.J0, box.J1, box.K0, box.K1);
        // One voxel of background around the box, so the distance transform sees the segment's outside everywhere.
        int bx = i1 - i0 + 3, by = j1 - j0 + 3, bz = k1 - k0 + 3;
        var count = (long)bx * by * bz;
        var inside = new bool[count];
        long total = 0;
        for (var k = k0; k <= k1; k++)
            for (var j = j0; j <= j1; j++)
                for (var i = i0; i <= i1; i++)
                    if (labels[((long)k * sy + j) * sx + i] == label)
                    {
                        inside[Local(i - i0 + 1, j - j0 + 1, k - k0 + 1, bx, by)] = true;
                        total++;
                    }
        var (wx, wy, wz) = (volume.SpacingMm[0], volume.SpacingMm[1], volume.SpacingMm[2]);

        var outside = new bool[count];
        for (long n = 0; n < count; n++) outside[n] = !inside[n];
        var depth = DistanceTransform.Squared(outside, bx, by, bz, wx, wy, wz);
        var deepest = 0.0;
        for (long n = 0; n < count; n++) deepest = Math.Max(deepest, depth[n]);
        var radius = options.OpeningFraction * Math.Sqrt(deepest);
        if (radius < Math.Max(wx, Math.Max(wy, wz))) return false;
        var eroded = new bool[count];
        for (long n = 0; n < count; n++) eroded[n] = depth[n] > radius * radius;
        var reach = DistanceTransform.Squared(eroded, bx, by, bz, wx, wy, wz);
        var opened = new bool[count];
        long kept = 0;
        for (long n = 0; n < count; n++)
            if (inside[n] && reach[n] <= radius * radius)
            {
                opened[n] = true;
                kept++;
            }
        if (kept == 0 || total - kept < options.WholeVertebraResidualFraction * total) return false;

        // Centroids in patient mm of the opened body and of what the opening removed.
        var a = volume.Affine;
        (double X, double Y, double Z) Patient(int x, int y, int z)
        {
            double i = x - 1 + i0, j = y - 1 + j0, k = z - 1 + k0;
            return (a[0] * i + a[1] * j + a[2] * k + a[3], a[4] * i + a[5] * j + a[6] * k + a[7], a[8] * i + a[9] * j + a[10] * k + a[11]);
        }
        double bxs = 0, bys = 0, bzs = 0, rxs = 0, rys = 0, rzs = 0;
        for (var z = 0; z < bz; z++)
            for (var y = 0; y < by; y++)
                for (var x = 0; x < bx; x++)
                {
                    var n = Local(x, y, z, bx, by);
                    if (!inside[n]) continue;
                    var p = Patient(x, y, z);
                    if (opened[n]) { bxs += p.X; bys += p.Y; bzs += p.Z; }
                    else { rxs += p.X; rys += p.Y; rzs += p.Z; }
                }
        var residual = total - kept;
        var centre = (X: bxs / kept, Y: bys / kept, Z: bzs / kept);
        var u = (X: rxs / residual - centre.X, Y: rys / residual - centre.Y, Z: rzs / residual - centre.Z);
        if (axis is { } ax)
        {
            var along = u.X * ax.X + u.Y * ax.Y + u.Z * ax.Z;
            u = (u.X - along * ax.X, u.Y - along * ax.Y, u.Z - along * ax.Z);
        }
        // A body's opening removes its rims all round (the removed part is centred on the body); posterior elements lie
        // several centimetres behind it.
        var length = Math.Sqrt(u.X * u.X + u.Y * u.Y + u.Z * u.Z);
        if (length < options.WholeVertebraOffsetRatio * Math.Sqrt(deepest) || length < 1e-6) return false;
        u = (u.X / length, u.Y / length, u.Z / length);

        // Cross-section of the whole segment along u, in bins of the finest spacing.
        var bin = Math.Min(wx, Math.Min(wy, wz));
        var along1 = new double[count];
        double lo = double.MaxValue, hi = double.MinValue;
        for (var z = 0; z < bz; z++)
            for (var y = 0; y < by; y++)
                for (var x = 0; x < bx; x++)
                {
                    var n = Local(x, y, z, bx, by);
                    if (!inside[n]) continue;
                    var p = Patient(x, y, z);
                    var s = (p.X - centre.X) * u.X + (p.Y - centre.Y) * u.Y + (p.Z - centre.Z) * u.Z;
                    along1[n] = s;
                    lo = Math.Min(lo, s);
                    hi = Math.Max(hi, s);
                }
        var first = (int)Math.Floor(lo / bin);
        var area = new long[(int)Math.Floor(hi / bin) - first + 1];
        for (long n = 0; n < count; n++)
            if (inside[n]) area[(int)Math.Floor(along1[n] / bin) - first]++;
        var zero = -first;
        long central = 0;
        for (var b = Math.Max(0, zero - (int)Math.Ceiling(3 / bin)); b <= Math.Min(area.Length - 1, zero + (int)Math.Ceiling(3 / bin)); b++)
            central = Math.Max(central, area[b]);
        var wall = hi + bin;
        for (var b = Math.Max(0, zero); b < area.Length; b++)
            if (area[b] < options.PosteriorWallAreaFraction * central)
            {
                wall = (b + first) * bin;
                break;
            }

        var body = new bool[count];
        for (long n = 0; n < count; n++) body[n] = inside[n] && (along1[n] < wall || (opened[n] && along1[n] < wall + radius));
        var component = LargestComponent(body, bx, by, bz);
        for (var k = k0; k <= k1; k++)
            for (var j = j0; j <= j1; j++)
                for (var i = i0; i <= i1; i++)
                {
                    var index = ((long)k * sy + j) * sx + i;
                    if (labels[index] == label && !component[Local(i - i0 + 1, j - j0 + 1, k - k0 + 1, bx, by)]) labels[index] = 0;
                }
        return true;
    }

    private static long Local(int x, int y, int z, int bx, int by) => ((long)z * by + y) * bx + x;

    private static bool[] LargestComponent(bool[] mask, int bx, int by, int bz)
    {
        var component = new int[mask.Length];
        var sizes = new List<long> { 0 };
        var stack = new Stack<long>();
        for (long start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || component[start] != 0) continue;
            var id = sizes.Count;
            long size = 0;
            component[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                size++;
                var x = (int)(n % bx);
                var y = (int)(n / bx % by);
                var z = (int)(n / ((long)bx * by));
                void Visit(long m)
                {
                    if (!mask[m] || component[m] != 0) return;
                    component[m] = id;
                    stack.Push(m);
                }
                if (x > 0) Visit(n - 1);
                if (x + 1 < bx) Visit(n + 1);
                if (y > 0) Visit(n - bx);
                if (y + 1 < by) Visit(n + bx);
                if (z > 0) Visit(n - (long)bx * by);
                if (z + 1 < bz) Visit(n + (long)bx * by);
            }
            sizes.Add(size);
        }
        var best = 0;
        for (var id = 1; id < sizes.Count; id++) if (sizes[id] > sizes[best]) best = id;
        var result = new bool[mask.Length];
        for (long n = 0; n < mask.Length; n++) result[n] = best != 0 && component[n] == best;
        return result;
    }
}
