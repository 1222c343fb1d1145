using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>One straight piece of a rib: points within <c>radius</c> of a segment, a cortical rim around marrow.</summary>
internal sealed class CapsuleShape(V3 from, V3 to, double radius, float cortex, float marrow) : ICtShape
{
    private const double RimMm = 1.5;
    private readonly V3 _d = to - from;
    private readonly double _length2 = (to - from).Dot(to - from);

    public Aabb Bounds { get; } = Aabb.Of([from, to], radius + 0.5);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = cortex;
        var w = p - from;
        var s = _length2 > 0 ? Math.Clamp(w.Dot(_d) / _length2, 0, 1) : 0;
        var q = w - _d * s;
        var d2 = q.Dot(q);
        if (d2 > radius * radius) return false;
        if (Math.Sqrt(d2) < radius - RimMm) hu = marrow;
        return true;
    }
}
