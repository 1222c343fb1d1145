using System.Buffers;
using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;
using Imaging.Phantoms.Spine.Rendering;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Renders one sagittal MR slice from the CT anatomy: thin planes across the slice thickness (boxcar profile), each
/// painted with tissue codes shape by shape, each code turned into signal (oedema where asked), averaged.</summary>
internal static class SagittalPainter
{
    private const double PlaneStepMm = 0.7;

    public static void Paint(IReadOnlyList<ICtShape> shapes, IReadOnlyList<Vertebra> oedema, SagittalSlice slice, double thicknessMm,
        SpineMrContrast contrast, double oedemaFraction, float[] result)
    {
        var pixels = slice.Rows * slice.Columns;
        var plane = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            Array.Clear(result, 0, pixels);
            var planes = Math.Clamp((int)Math.Ceiling(thicknessMm / PlaneStepMm), 1, 16);
            var marrow = MrTissueSignal.Marrow(contrast);
            var oedemaSignal = (float)((1 - oedemaFraction) * marrow + oedemaFraction * MrTissueSignal.Water(contrast));
            for (var m = 0; m < planes; m++)
            {
                var x = slice.X + ((m + 0.5) / planes - 0.5) * thicknessMm;
                plane.AsSpan(0, pixels).Fill(TissueHu.Air);
                foreach (var shape in shapes) Draw(shape, slice, x, plane);
                Accumulate(plane, slice, x, contrast, oedema, oedemaSignal, result);
            }
            var scale = 1f / planes;
            for (var i = 0; i < pixels; i++) result[i] *= scale;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(plane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Draw(ICtShape shape, SagittalSlice slice, double x, float[] plane)
    {
        if (!slice.Clip(shape.Bounds, x, out var c0, out var c1, out var r0, out var r1)) return;
        for (var r = r0; r <= r1; r++)
        {
            var z = slice.Z(r);
            var line = r * slice.Columns;
            for (var c = c0; c <= c1; c++)
            {
                if (shape.Sample(new V3(x, slice.Y(c), z), out var code)) plane[line + c] = code;
            }
        }
    }

    private static void Accumulate(float[] plane, SagittalSlice slice, double x, SpineMrContrast contrast, IReadOnlyList<Vertebra> oedema,
        float oedemaSignal, float[] result)
    {
        for (var r = 0; r < slice.Rows; r++)
        {
            var line = r * slice.Columns;
            for (var c = 0; c < slice.Columns; c++)
            {
                var code = plane[line + c];
                var signal = MrTissueSignal.Signal(code, contrast);
                if (code == MrTissueSignal.TrabecularCode && oedema.Count > 0 && InOedema(oedema, new V3(x, slice.Y(c), slice.Z(r))))
                    signal = oedemaSignal;
                result[line + c] += signal;
            }
        }
    }

    private static bool InOedema(IReadOnlyList<Vertebra> oedema, V3 p)
    {
        foreach (var v in oedema)
        {
            var local = v.Frame.ToLocal(p);
            if (Math.Abs(local.Z) > v.StackHeight / 2) continue;
            var nl = local.X / v.HalfWidth;
            var na = local.Y / v.HalfDepth;
            if (nl * nl + na * na <= 1) return true;
        }
        return false;
    }
}
