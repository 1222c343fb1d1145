using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>An oriented block of bone (a sacral ala, an iliac wing): cortical faces around trabecular bone.</summary>
internal sealed class BoxShape(LocalFrame frame, V3 halfExtents, float cortex, float trabecular, double cortexMm = 1.5) : ICtShape
{
    public Aabb Bounds { get; } = Aabb.OfLocalBox(frame, halfExtents * -1, halfExtents);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = cortex;
        var local = frame.ToLocal(p);
        var dx = halfExtents.X - Math.Abs(local.X);
        var dy = halfExtents.Y - Math.Abs(local.Y);
        var dz = halfExtents.Z - Math.Abs(local.Z);
        if (dx < 0 || dy < 0 || dz < 0) return false;
        if (Math.Min(dx, Math.Min(dy, dz)) >= cortexMm) hu = trabecular;
        return true;
    }
}
