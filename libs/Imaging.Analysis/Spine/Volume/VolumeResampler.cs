using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Imaging.Analysis.Spine.Volume;

/// <summary>Turns an arranged slice stack into a <see cref="CtVolume"/>: as it is, or resampled trilinearly onto an
/// isotropic grid along the stack's row, column and normal directions (which removes a gantry tilt's shear and follows
/// uneven spacing by each slice's real position).</summary>
internal static class VolumeResampler
{
    public static CtVolume Native(SliceStack stack, IReadOnlyList<VolumeWarning> warnings, string? seriesUid)
    {
        var slices = stack.Slices;
        var perSlice = checked(stack.Rows * stack.Columns);
        var total = checked((long)perSlice * slices.Count);
        if (total > Array.MaxLength) throw new CtVolumeException($"{total} voxels do not fit one array; resample instead");
        var voxels = new float[total];
        for (var k = 0; k < slices.Count; k++) slices[k].CopyHu(voxels.AsSpan(k * perSlice, perSlice));
        var origin = slices[0].Position;
        var step = slices.Count > 1
            ? SliceStack.Subtract(slices[^1].Position, slices[0].Position).Select(v => v / (slices.Count - 1)).ToArray()
            : stack.Normal.Select(v => v * stack.SliceSpacing).ToArray();
        var affine = Affine(stack.Row.Select(v => v * stack.ColumnSpacing).ToArray(), stack.Column.Select(v => v * stack.RowSpacing).ToArray(), step, origin);
        return new CtVolume(voxels, stack.Columns, stack.Rows, slices.Count, affine, resampled: false, slices.Count, warnings, seriesUid)
        {
            SliceNormal = stack.Normal.ToArray(),
            SourceSliceDepthsMm = slices.Select(x => x.Distance).ToArray(),
            SliceThicknessMm = MedianThickness(slices),
        };
    }

    public static CtVolume Resample(SliceStack stack, CtVolumeLoaderOptions options, long heldVoxels, IReadOnlyList<VolumeWarning> warnings,
        string? seriesUid, CancellationToken cancellationToken)
    {
        var slices = stack.Slices;
        var s = options.IsotropicSpacingMm;
        // An orthonormal output frame: row direction, the normal, and their cross product in the column's place.
        var u = stack.Row;
        var w = stack.Normal;
        var v = SliceStack.Normalize(SliceStack.Cross(w, u));
        var p0 = slices[0].Position;

        double uMin = double.MaxValue, uMax = double.MinValue, vMin = double.MaxValue, vMax = double.MinValue;
        var lastI = (stack.Columns - 1) * stack.ColumnSpacing;
        var lastJ = (stack.Rows - 1) * stack.RowSpacing;
        foreach (var slice in slices)
        {
            foreach (var (ci, cj) in new[] { (0.0, 0.0), (lastI, 0.0), (0.0, lastJ), (lastI, lastJ) })
            {
                var corner = new double[3];
                for (var a = 0; a < 3; a++) corner[a] = slice.Position[a] + stack.Row[a] * ci + stack.Column[a] * cj - p0[a];
                var cu = SliceStack.Dot(corner, u);
                var cv = SliceStack.Dot(corner, v);
                uMin = Math.Min(uMin, cu); uMax = Math.Max(uMax, cu);
                vMin = Math.Min(vMin, cv); vMax = Math.Max(vMax, cv);
            }
        }
        var wMin = 0.0;
        var wMax = slices[^1].Distance - slices[0].Distance;
        var single = slices.Count == 1;
        if (single) (wMin, wMax) = (-stack.SliceSpacing / 2, stack.SliceSpacing / 2);

        var nx = Count(uMax - uMin, s);
        var ny = Count(vMax - vMin, s);
        var nz = single ? 1 : Count(wMax - wMin, s);
        long total;
        try
        {
            total = checked((long)nx * ny * nz);
            if (checked(total + heldVoxels) > options.MaximumVoxels) throw new OverflowException();
        }
        catch (OverflowException)
        {
            throw new CtVolumeException($"Resampling to {s} mm gives {nx} × {ny} × {nz} voxels, more than MaximumVoxels ({options.MaximumVoxels}) with the source slices");
        }
        if (total > Array.MaxLength) throw new CtVolumeException($"{total} voxels do not fit one array");

        var origin = new double[3];
        for (var a = 0; a < 3; a++) origin[a] = p0[a] + u[a] * uMin + v[a] * vMin + w[a] * (single ? 0 : wMin);
        // Every plane is written below (copied or blended), so the block need not be zeroed first.
        var voxels = GC.AllocateUninitializedArray<float>((int)total);

        // Each slice's in-plane pixel coordinates are affine in the output's (i, j): precomputed per slice.
        var maps = slices.Select(slice => PlaneMap.For(slice, stack, origin, u, v, s)).ToArray();
        var distances = slices.Select(x => x.Distance - slices[0].Distance).ToArray();
        var outside = options.OutsideHu;
        var sliceLength = nx * ny;
        // Each source slice is resampled in-plane once per worker (its pixel coordinates do not depend on k), then the
        // output planes between two slices are linear blends of those: the same trilinear result with far fewer lookups.
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, nz));
        var chunk = (nz + workers - 1) / workers;
        Parallel.For(0, workers, new ParallelOptions { CancellationToken = cancellationToken }, worker =>
        {
            var planeA = ArrayPool<float>.Shared.Rent(sliceLength);
            var planeB = ArrayPool<float>.Shared.Rent(sliceLength);
            int heldA = -1, heldB = -1;
            try
            {
                for (var k = worker * chunk; k < Math.Min(nz, (worker + 1) * chunk); k++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (m0, m1, t) = single ? (0, 0, 0.0) : Bracket(distances, wMin + k * s);
                    if (heldA != m0)
                    {
                        if (heldB == m0) { (planeA, planeB) = (planeB, planeA); (heldA, heldB) = (heldB, heldA); }
                        else { ResamplePlane(planeA, nx, ny, slices[m0], maps[m0], stack.Columns, stack.Rows, outside); heldA = m0; }
                    }
                    var target = voxels.AsSpan(k * sliceLength, sliceLength);
                    if (t <= 0 || m1 == m0)
                    {
                        planeA.AsSpan(0, sliceLength).CopyTo(target);
                        continue;
                    }
                    if (heldB != m1) { ResamplePlane(planeB, nx, ny, slices[m1], maps[m1], stack.Columns, stack.Rows, outside); heldB = m1; }
                    Blend(planeA, planeB, (float)t, target);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(planeA);
                ArrayPool<float>.Shared.Return(planeB);
            }
        });

        var affine = Affine(u.Select(x => x * s).ToArray(), v.Select(x => x * s).ToArray(), w.Select(x => x * s).ToArray(), origin);
        return new CtVolume(voxels, nx, ny, nz, affine, resampled: true, slices.Count, warnings, seriesUid)
        {
            SliceNormal = stack.Normal.ToArray(),
            SourceSliceDepthsMm = slices.Select(x => x.Distance).ToArray(),
            SliceThicknessMm = MedianThickness(slices),
        };
    }

    private static double? MedianThickness(IReadOnlyList<SourceSlice> slices)
    {
        var values = slices.Where(x => x.Thickness is > 0 and < 100).Select(x => x.Thickness!.Value).Order().ToArray();
        return values.Length == 0 ? null : values[values.Length / 2];
    }

    private static int Count(double extent, double step)
    {
        var n = Math.Floor(extent / step + 1e-6) + 1;
        if (!(n >= 1 && n <= int.MaxValue)) throw new CtVolumeException($"An extent of {extent} mm at {step} mm does not make a grid");
        return (int)n;
    }

    /// <summary>The two slices around a depth along the normal and the weight of the second.</summary>
    private static (int M0, int M1, double T) Bracket(double[] distances, double depth)
    {
        var m = Array.BinarySearch(distances, depth);
        if (m >= 0) return (m, m, 0);
        var m1 = Math.Min(~m, distances.Length - 1);
        var m0 = Math.Max(m1 - 1, 0);
        var t = distances[m1] > distances[m0] ? Math.Clamp((depth - distances[m0]) / (distances[m1] - distances[m0]), 0, 1) : 0;
        return t >= 1 ? (m1, m1, 0) : (m0, m1, t);
    }

    private static void ResamplePlane(float[] plane, int nx, int ny, SourceSlice slice, PlaneMap map, int columns, int rows, float outside)
    {
        var length = slice.Length;
        if (slice.Values is not null) ResamplePlane<float>(plane, nx, ny, slice.Values.AsSpan(slice.Offset, length), 1, 0, map, columns, rows, outside);
        else if (slice.Unsigned) ResamplePlane(plane, nx, ny, MemoryMarshal.Cast<short, ushort>(slice.Stored.AsSpan(slice.Offset, length)), slice.Slope, slice.Intercept, map, columns, rows, outside);
        else ResamplePlane<short>(plane, nx, ny, slice.Stored.AsSpan(slice.Offset, length), slice.Slope, slice.Intercept, map, columns, rows, outside);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResamplePlane<T>(float[] plane, int nx, int ny, ReadOnlySpan<T> stored, float slope, float intercept, PlaneMap map,
        int columns, int rows, float outside) where T : unmanaged
    {
        if (map.Dj == 0 && map.Ei == 0)
        {
            AlignedPlane(plane, nx, ny, stored, slope, intercept, map, columns, rows, outside);
            return;
        }
        for (var j = 0; j < ny; j++)
        {
            var x = map.I0 + map.Dj * j;
            var y = map.J0 + map.Ej * j;
            var line = plane.AsSpan(j * nx, nx);
            for (var i = 0; i < nx; i++) line[i] = Bilinear(stored, slope, intercept, columns, rows, x + map.Di * i, y + map.Ei * i, outside);
        }
    }

    /// <summary>The usual case (the output grid's i and j along the slice's own rows and columns): a pixel column depends on
    /// i only and a pixel row on j only, so their indices and weights are worked out once per plane, not per voxel. The
    /// arithmetic is the same as <see cref="Bilinear{T}"/>'s, value for value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AlignedPlane<T>(float[] plane, int nx, int ny, ReadOnlySpan<T> stored, float slope, float intercept, PlaneMap map,
        int columns, int rows, float outside) where T : unmanaged
    {
        var x0s = ArrayPool<int>.Shared.Rent(nx);
        var fxs = ArrayPool<float>.Shared.Rent(nx);
        try
        {
            // x0 = −1 marks a column outside the image.
            for (var i = 0; i < nx; i++)
            {
                var x = map.I0 + map.Di * i;
                if (!(x >= -0.5 && x <= columns - 0.5))
                {
                    x0s[i] = -1;
                    continue;
                }
                x = Math.Clamp(x, 0, columns - 1);
                var x0 = Math.Min((int)x, Math.Max(columns - 2, 0));
                x0s[i] = x0;
                fxs[i] = (float)(x - x0);
            }
            var single = columns == 1;
            for (var j = 0; j < ny; j++)
            {
                var line = plane.AsSpan(j * nx, nx);
                var y = map.J0 + map.Ej * j;
                if (!(y >= -0.5 && y <= rows - 0.5))
                {
                    line.Fill(outside);
                    continue;
                }
                y = Math.Clamp(y, 0, rows - 1);
                var y0 = Math.Min((int)y, Math.Max(rows - 2, 0));
                var y1 = Math.Min(y0 + 1, rows - 1);
                var fy = (float)(y - y0);
                var row0 = stored.Slice(y0 * columns, columns);
                var row1 = stored.Slice(y1 * columns, columns);
                for (var i = 0; i < nx; i++)
                {
                    var x0 = x0s[i];
                    if (x0 < 0)
                    {
                        line[i] = outside;
                        continue;
                    }
                    var x1 = single ? x0 : x0 + 1;
                    var fx = fxs[i];
                    var a = Hu(row0[x0], slope, intercept);
                    var top = a + (Hu(row0[x1], slope, intercept) - a) * fx;
                    var c = Hu(row1[x0], slope, intercept);
                    var bottom = c + (Hu(row1[x1], slope, intercept) - c) * fx;
                    line[i] = top + (bottom - top) * fy;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(x0s);
            ArrayPool<float>.Shared.Return(fxs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blend(float[] a, float[] b, float t, Span<float> target)
    {
        // Element for element the same arithmetic as the scalar tail, so vector width does not change a value.
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var weight = new Vector<float>(t);
            var left = MemoryMarshal.Cast<float, Vector<float>>(a.AsSpan(0, target.Length));
            var right = MemoryMarshal.Cast<float, Vector<float>>(b.AsSpan(0, target.Length));
            var output = MemoryMarshal.Cast<float, Vector<float>>(target);
            for (var v = 0; v < output.Length; v++) output[v] = left[v] + (right[v] - left[v]) * weight;
            i = output.Length * Vector<float>.Count;
        }
        for (; i < target.Length; i++) target[i] = a[i] + (b[i] - a[i]) * t;
    }

    /// <summary>A stored sample in HU: the rescale the loader used to apply to every pixel up front, applied as it is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Hu<T>(T value, float slope, float intercept) where T : unmanaged
    {
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref value) * slope + intercept;
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref value) * slope + intercept;
        return Unsafe.As<T, float>(ref value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Bilinear<T>(ReadOnlySpan<T> stored, float slope, float intercept, int columns, int rows, double x, double y, float outside)
        where T : unmanaged
    {
        // Half a pixel beyond the outer centres still belongs to the image (its edge pixels' extent).
        if (!(x >= -0.5 && y >= -0.5 && x <= columns - 0.5 && y <= rows - 0.5)) return outside;
        x = Math.Clamp(x, 0, columns - 1);
        y = Math.Clamp(y, 0, rows - 1);
        var x0 = Math.Min((int)x, Math.Max(columns - 2, 0));
        var y0 = Math.Min((int)y, Math.Max(rows - 2, 0));
        var x1 = Math.Min(x0 + 1, columns - 1);
        var y1 = Math.Min(y0 + 1, rows - 1);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var r0 = y0 * columns;
        var r1 = y1 * columns;
        var a = Hu(stored[r0 + x0], slope, intercept);
        var c = Hu(stored[r1 + x0], slope, intercept);
        var top = a + (Hu(stored[r0 + x1], slope, intercept) - a) * fx;
        var bottom = c + (Hu(stored[r1 + x1], slope, intercept) - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static double[] Affine(double[] stepI, double[] stepJ, double[] stepK, double[] origin) =>
    [
        stepI[0], stepJ[0], stepK[0], origin[0],
        stepI[1], stepJ[1], stepK[1], origin[1],
        stepI[2], stepJ[2], stepK[2], origin[2],
        0, 0, 0, 1,
    ];

    /// <summary>A slice's fractional pixel column (I) and row (J) of output voxel (i, j, ·): I = I0 + Di·i + Dj·j. The output's
    /// k axis is the slices' normal, which has no in-plane component, so k does not enter.</summary>
    private readonly record struct PlaneMap(double I0, double Di, double Dj, double J0, double Ei, double Ej)
    {
        public static PlaneMap For(SourceSlice slice, SliceStack stack, double[] origin, double[] u, double[] v, double s)
        {
            // In-plane coordinates solve p − P = a·row + b·column (+ off-plane part) through the Gram matrix of the two
            // directions, which also covers a not-quite-orthogonal orientation.
            var r = stack.Row;
            var c = stack.Column;
            var rc = SliceStack.Dot(r, c);
            var det = 1 - rc * rc;
            (double A, double B) Solve(double[] d)
            {
                var pr = SliceStack.Dot(d, r);
                var pc = SliceStack.Dot(d, c);
                return ((pr - rc * pc) / det / stack.ColumnSpacing, (pc - rc * pr) / det / stack.RowSpacing);
            }
            var (i0, j0) = Solve(SliceStack.Subtract(origin, slice.Position));
            var (di, ei) = Solve(u.Select(x => x * s).ToArray());
            var (dj, ej) = Solve(v.Select(x => x * s).ToArray());
            return new PlaneMap(i0, di, dj, j0, ei, ej);
        }
    }
}
