using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>An axis-aligned ellipsoid of one value (a lung).</summary>
internal sealed class EllipsoidShape(V3 centre, V3 semiAxes, float value) : ISmoothShape
{
    public Aabb Bounds { get; } = new(centre - semiAxes, centre + semiAxes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = value;
        var x = (p.X - centre.X) / semiAxes.X;
        var y = (p.Y - centre.Y) / semiAxes.Y;
        var z = (p.Z - centre.Z) / semiAxes.Z;
        return x * x + y * y + z * z <= 1;
    }
}
