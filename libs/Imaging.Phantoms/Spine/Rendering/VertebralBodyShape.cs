using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>A vertebral body: cortical wall and end plates around trabecular bone, with cement and a lesion inside.</summary>
internal sealed class VertebralBodyShape(Vertebra v, TissueHu tissue) : ICtShape
{
    private const double WallMm = 1.2;
    private const double EndPlateMm = 1.0;

    /// <summary>Fused sacral segments overlap their neighbour slightly so no seam of soft tissue appears between them.</summary>
    private const double FusedOverlapMm = 1.0;

    public Aabb Bounds { get; } = Aabb.OfLocalBox(v.Frame, new V3(-v.HalfWidth, -v.HalfDepth, -v.StackHeight / 2 - 1),
        new V3(v.HalfWidth, v.HalfDepth, v.StackHeight / 2 + 1));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = 0;
        var local = v.Frame.ToLocal(p);
        var a = local.Y / v.HalfDepth;
        var b = local.X / v.HalfWidth;
        var rho2 = a * a + b * b;
        if (rho2 > 1) return false;
        var half = v.HalfHeight(a, b);
        var t = local.Z;
        var top = half + (v.FusedAbove ? FusedOverlapMm : 0);
        var bottom = -half - (v.FusedBelow ? FusedOverlapMm : 0);
        if (t > top || t < bottom) return false;

        var wall = (1 - Math.Sqrt(rho2)) * Math.Min(v.HalfWidth, v.HalfDepth);
        var toPlate = Math.Min(v.FusedAbove ? double.MaxValue : top - t, v.FusedBelow ? double.MaxValue : t - bottom);
        if (wall < WallMm || toPlate < EndPlateMm)
        {
            hu = tissue.Cortical;
            return true;
        }
        foreach (var (centre, radius) in v.Cement)
        {
            if ((local - centre).Dot(local - centre) <= radius * radius)
            {
                hu = tissue.Cement;
                return true;
            }
        }
        if (v.Lesion is { } lesion && (local - lesion.Centre).Dot(local - lesion.Centre) <= lesion.Radius * lesion.Radius)
        {
            hu = lesion.Hu;
            return true;
        }
        hu = tissue.Trabecular;
        return true;
    }

    /// <summary>Volume (mm³) the lesion of <paramref name="v"/> really replaces: its sphere less what the cortex, the end plates
    /// and cement cover (the order <see cref="Sample"/> paints in), counted on a 0.2 mm grid in the body's frame.</summary>
    public static double LesionVolume(Vertebra v)
    {
        if (v.Lesion is not { } lesion) return 0;
        const double step = 0.2;
        var n = (int)Math.Ceiling(lesion.Radius / step);
        long inside = 0;
        for (var i = -n; i < n; i++)
        {
            for (var j = -n; j < n; j++)
            {
                for (var k = -n; k < n; k++)
                {
                    var local = lesion.Centre + new V3((i + 0.5) * step, (j + 0.5) * step, (k + 0.5) * step);
                    if ((local - lesion.Centre).Dot(local - lesion.Centre) > lesion.Radius * lesion.Radius) continue;
                    if (InsideTrabecular(v, local)) inside++;
                }
            }
        }
        return inside * step * step * step;
    }

    private static bool InsideTrabecular(Vertebra v, V3 local)
    {
        var a = local.Y / v.HalfDepth;
        var b = local.X / v.HalfWidth;
        var rho2 = a * a + b * b;
        if (rho2 > 1) return false;
        var half = v.HalfHeight(a, b);
        var top = half + (v.FusedAbove ? FusedOverlapMm : 0);
        var bottom = -half - (v.FusedBelow ? FusedOverlapMm : 0);
        if (local.Z > top || local.Z < bottom) return false;
        var wall = (1 - Math.Sqrt(rho2)) * Math.Min(v.HalfWidth, v.HalfDepth);
        var toPlate = Math.Min(v.FusedAbove ? double.MaxValue : top - local.Z, v.FusedBelow ? double.MaxValue : local.Z - bottom);
        if (wall < WallMm || toPlate < EndPlateMm) return false;
        foreach (var (centre, radius) in v.Cement)
            if ((local - centre).Dot(local - centre) <= radius * radius) return false;
        return true;
    }
}
