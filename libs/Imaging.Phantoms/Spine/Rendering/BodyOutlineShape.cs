using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>The body's cross-section at each height: an ellipse (soft tissue under a layer of fat) whose back lies a
/// region-typical distance behind the spine, so the outline follows the curvature; air outside.</summary>
internal sealed class BodyOutlineShape : ISmoothShape
{
    private readonly double _z0;
    private readonly double[] _halfWidth, _halfDepth, _centreY, _fat;

    /// <param name="stations">Per vertebra, cranial to caudal: centre z, centre y, half width and half depth of the body
    /// outline, and the distance from the vertebral body's centre to the skin of the back.</param>
    public BodyOutlineShape(IReadOnlyList<(double Z, double Y, double HalfWidth, double HalfDepth, double Back)> stations, double zMin, double zMax)
    {
        _z0 = Math.Floor(zMin) - 1;
        var n = (int)Math.Ceiling(zMax - _z0) + 2;
        _halfWidth = new double[n];
        _halfDepth = new double[n];
        _centreY = new double[n];
        _fat = new double[n];
        var ordered = stations.OrderBy(s => s.Z).ToArray();
        for (var i = 0; i < n; i++)
        {
            var z = _z0 + i;
            var k = 0;
            while (k < ordered.Length - 2 && ordered[k + 1].Z < z) k++;
            var s0 = ordered[k];
            var s1 = ordered[Math.Min(k + 1, ordered.Length - 1)];
            var t = s1.Z > s0.Z ? Math.Clamp((z - s0.Z) / (s1.Z - s0.Z), 0, 1) : 0;
            double L(double a, double b) => a + (b - a) * t;
            _halfWidth[i] = L(s0.HalfWidth, s1.HalfWidth);
            _halfDepth[i] = L(s0.HalfDepth, s1.HalfDepth);
            _centreY[i] = L(s0.Y, s1.Y) + L(s0.Back, s1.Back) - _halfDepth[i];
            _fat[i] = Math.Min(15, 0.15 * Math.Min(_halfWidth[i], _halfDepth[i]));
        }
        Bounds = new Aabb(new V3(-1e6, -1e6, -1e6), new V3(1e6, 1e6, 1e6));
    }

    public Aabb Bounds { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        var i = Math.Clamp((int)Math.Round(p.Z - _z0), 0, _halfWidth.Length - 1);
        var x = p.X / _halfWidth[i];
        var y = (p.Y - _centreY[i]) / _halfDepth[i];
        var r = Math.Sqrt(x * x + y * y);
        if (r > 1)
        {
            hu = TissueHu.Air;
            return true;
        }
        hu = (1 - r) * Math.Min(_halfWidth[i], _halfDepth[i]) < _fat[i] ? TissueHu.Fat : TissueHu.Soft;
        return true;
    }
}
