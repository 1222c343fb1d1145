using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>An intervertebral disc: an elliptic cylinder between two bodies, reaching into both by the depth their end
/// plates may have sunk (so a collapsed plate is filled with disc, as a herniated nucleus would) before they paint over it.</summary>
internal sealed class DiscShape : ICtShape
{
    private readonly LocalFrame _frame;
    private readonly double _halfW, _halfD, _half;
    private readonly float _hu;

    public DiscShape(Vertebra below, Vertebra above, float hu)
    {
        var low = below.TopCentre;
        var high = above.BottomCentre;
        var axis = high - low;
        var theta = axis.Length > 0.1 ? Math.Atan2(axis.Y, axis.Z) : Math.Atan2(below.Frame.Axis.Y + above.Frame.Axis.Y, below.Frame.Axis.Z + above.Frame.Axis.Z);
        _frame = LocalFrame.Sagittal((low + high) * 0.5, theta);
        _halfW = (below.HalfWidth + above.HalfWidth) / 2 * 0.98;
        _halfD = (below.HalfDepth + above.HalfDepth) / 2 * 0.98;
        _half = axis.Length / 2 + Math.Max(below.MaximumCollapse, above.MaximumCollapse) + 2.5;
        _hu = hu;
        Bounds = Aabb.OfLocalBox(_frame, new V3(-_halfW, -_halfD, -_half), new V3(_halfW, _halfD, _half));
    }

    public Aabb Bounds { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = _hu;
        var local = _frame.ToLocal(p);
        if (Math.Abs(local.Z) > _half) return false;
        var nl = local.X / _halfW;
        var na = local.Y / _halfD;
        return nl * nl + na * na <= 1;
    }
}
