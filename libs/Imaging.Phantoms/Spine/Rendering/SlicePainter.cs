using System.Buffers;
using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>Renders one CT slice: several thin planes across the slice thickness (a boxcar slice profile), each painted
/// shape by shape in order, averaged.</summary>
internal static class SlicePainter
{
    /// <summary>Planes closer than this (mm) resolve the partial volume of tilted end plates well enough.</summary>
    private const double PlaneStepMm = 0.7;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Paint(IReadOnlyList<ICtShape> shapes, SliceGeometry slice, double thicknessMm, float[] result)
    {
        var pixels = slice.Rows * slice.Columns;
        var background = ArrayPool<float>.Shared.Rent(pixels);
        var plane = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            PaintPlanes(shapes, slice, thicknessMm, result, background, plane, pixels);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(background);
            ArrayPool<float>.Shared.Return(plane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PaintPlanes(IReadOnlyList<ICtShape> shapes, SliceGeometry slice, double thicknessMm, float[] result, float[] background,
        float[] plane, int pixels)
    {
        Array.Clear(result, 0, pixels);
        var planes = Math.Clamp((int)Math.Ceiling(thicknessMm / PlaneStepMm), 1, 16);
        var normal = slice.Normal;

        // Soft tissue, fat, air and lungs change little across one slice: painted once, on the central plane.
        background.AsSpan(0, pixels).Fill(TissueHu.Air);
        var first = 0;
        for (; first < shapes.Count && shapes[first] is ISmoothShape; first++) Draw(shapes[first], slice, background);

        for (var m = 0; m < planes; m++)
        {
            var offset = ((m + 0.5) / planes - 0.5) * thicknessMm;
            var geometry = slice with { Origin = slice.Origin + normal * offset };
            background.AsSpan(0, pixels).CopyTo(plane);
            for (var s = first; s < shapes.Count; s++) Draw(shapes[s], geometry, plane);
            for (var i = 0; i < pixels; i++) result[i] += plane[i];
        }
        var scale = 1f / planes;
        for (var i = 0; i < pixels; i++) result[i] *= scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Draw(ICtShape shape, SliceGeometry geometry, float[] plane)
    {
        if (!geometry.Clip(shape.Bounds, out var c0, out var c1, out var r0, out var r1)) return;
        var step = geometry.Row * geometry.PixelSpacing;
        for (var r = r0; r <= r1; r++)
        {
            var rowStart = geometry.PixelCentre(c0, r);
            var line = r * geometry.Columns;
            for (var c = c0; c <= c1; c++)
            {
                if (shape.Sample(rowStart + step * (c - c0), out var hu)) plane[line + c] = hu;
            }
        }
    }
}
