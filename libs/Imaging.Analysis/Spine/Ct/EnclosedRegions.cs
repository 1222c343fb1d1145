using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>The regions of one axial plane below a threshold that cannot be reached from the plane's border without
/// crossing a value at or above it (4-connected), found from runs along the rows instead of pixel by pixel: a plane is
/// mostly air and soft tissue connected to the border, which a flood fill would visit pixel by pixel, while its runs
/// number a few per row. One instance per worker: the buffers are reused from plane to plane.</summary>
internal sealed class EnclosedRegions
{
    /// <summary>One enclosed region: pixel count, sums of its column and row indices and of its values (for the centroid
    /// and mean), in the order a row-major scan first meets the regions.</summary>
    public readonly record struct Region(int Pixels, double SumI, double SumJ, double SumValues);

    private int[] _start = new int[1024];
    private int[] _end = new int[1024];
    private int[] _row = new int[1024];
    private int[] _parent = new int[1024];
    private int[] _slot = new int[1024];
    private readonly List<Region> _regions = [];
    private readonly List<(int Pixels, double SumI, double SumJ, double SumValues, bool Border)> _roots = [];

    /// <summary>Enclosed regions of <paramref name="plane"/> (nx × ny, x fastest) below <paramref name="threshold"/>; the
    /// list is reused by the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<Region> Find(ReadOnlySpan<float> plane, int nx, int ny, float threshold)
    {
        var count = 0;
        var previousFirst = 0;
        for (var j = 0; j < ny; j++)
        {
            var line = plane.Slice(j * nx, nx);
            var rowFirst = count;
            for (var i = NextBelow(line, 0, threshold); i < nx; i = NextBelow(line, i, threshold))
            {
                var s = i;
                i = NextAtOrAbove(line, i, threshold);
                if (count == _start.Length) Grow();
                _start[count] = s;
                _end[count] = i;
                _row[count] = j;
                _parent[count] = count;
                count++;
            }
            // Runs of neighbouring rows touch when their column ranges share a column (4-connectivity).
            if (j > 0)
            {
                int a = previousFirst, b = rowFirst;
                while (a < rowFirst && b < count)
                {
                    if (_start[a] < _end[b] && _start[b] < _end[a]) Union(a, b);
                    if (_end[a] < _end[b]) a++;
                    else b++;
                }
            }
            previousFirst = rowFirst;
        }

        // Roots in order of their first run: the row-major order in which a scan meets the regions.
        _roots.Clear();
        for (var r = 0; r < count; r++)
        {
            var root = Root(r);
            if (root == r)
            {
                _slot[r] = _roots.Count;
                _roots.Add((0, 0, 0, 0, false));
            }
            var slot = _slot[root];
            var (pixels, sumI, sumJ, sumValues, border) = _roots[slot];
            int s = _start[r], e = _end[r], j = _row[r];
            var length = e - s;
            border |= j == 0 || j == ny - 1 || s == 0 || e == nx;
            _roots[slot] = (pixels + length, sumI + (double)(s + e - 1) * length / 2, sumJ + (double)j * length, sumValues, border);
        }
        // Values are summed only inside enclosed regions (a small share of the plane).
        for (var r = 0; r < count; r++)
        {
            var slot = _slot[Root(r)];
            var entry = _roots[slot];
            if (entry.Border) continue;
            double sum = 0;
            var line = plane.Slice(_row[r] * nx, nx);
            for (var i = _start[r]; i < _end[r]; i++) sum += line[i];
            _roots[slot] = entry with { SumValues = entry.SumValues + sum };
        }
        _regions.Clear();
        foreach (var root in _roots)
            if (!root.Border) _regions.Add(new Region(root.Pixels, root.SumI, root.SumJ, root.SumValues));
        return _regions;
    }

    /// <summary>First index from <paramref name="from"/> whose value is not at or above the threshold (NaN counts as below), else the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextBelow(ReadOnlySpan<float> line, int from, float threshold)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i + Vector256<float>.Count <= line.Length; i += Vector256<float>.Count)
            {
                var above = Vector256.GreaterThanOrEqual(Vector256.Create(line.Slice(i, Vector256<float>.Count)), t).ExtractMostSignificantBits();
                if (above != 0xFF) return i + BitOperations.TrailingZeroCount(~above);
            }
        }
        while (i < line.Length && line[i] >= threshold) i++;
        return i;
    }

    /// <summary>First index from <paramref name="from"/> whose value is at or above the threshold, else the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextAtOrAbove(ReadOnlySpan<float> line, int from, float threshold)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i + Vector256<float>.Count <= line.Length; i += Vector256<float>.Count)
            {
                var above = Vector256.GreaterThanOrEqual(Vector256.Create(line.Slice(i, Vector256<float>.Count)), t).ExtractMostSignificantBits();
                if (above != 0) return i + BitOperations.TrailingZeroCount(above);
            }
        }
        while (i < line.Length && !(line[i] >= threshold)) i++;
        return i;
    }

    private int Root(int r)
    {
        while (_parent[r] != r)
        {
            _parent[r] = _parent[_parent[r]];
            r = _parent[r];
        }
        return r;
    }

    /// <summary>Keeps the smaller run index as the root, so a region's root is its first run in scan order.</summary>
    private void Union(int a, int b)
    {
        a = Root(a);
        b = Root(b);
        if (a == b) return;
        if (a < b) _parent[b] = a;
        else _parent[a] = b;
    }

    private void Grow()
    {
        var size = _start.Length * 2;
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _row, size);
        Array.Resize(ref _parent, size);
        Array.Resize(ref _slot, size);
    }
}
