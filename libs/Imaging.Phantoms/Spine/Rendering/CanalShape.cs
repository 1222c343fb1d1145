using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>The spinal canal (CSF and cord, one soft value) behind a vertebra, reaching half way into the discs above and
/// below so the canal is continuous along the spine.</summary>
internal sealed class CanalShape(Vertebra v, double below, double above) : ICtShape
{
    public Aabb Bounds { get; } = Aabb.OfLocalBox(v.Frame, new V3(-v.Size.CanalWidth / 2, v.CanalOffset - v.Size.CanalDepth / 2, -below),
        new V3(v.Size.CanalWidth / 2, v.CanalOffset + v.Size.CanalDepth / 2, above));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = TissueHu.Csf;
        if (v.Size.CanalWidth <= 0) return false;
        var local = v.Frame.ToLocal(p);
        if (local.Z < -below || local.Z > above) return false;
        var nl = local.X / (v.Size.CanalWidth / 2);
        var na = (local.Y - v.CanalOffset) / (v.Size.CanalDepth / 2);
        return nl * nl + na * na <= 1;
    }
}
