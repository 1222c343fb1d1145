using System.Runtime.CompilerServices;
using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Rendering;

/// <summary>The neural arch of a vertebra: pedicles and laminae as a ring around the canal, the spinous process pointing
/// back and down, and the transverse processes to both sides; in the upper part of the body's height, as in real vertebrae.</summary>
internal sealed class PosteriorElementsShape : ICtShape
{
    private readonly Vertebra _v;
    private readonly float _hu;
    private readonly double _canalA, _canalHalfW, _canalHalfD, _arch, _low, _high;
    private readonly double _spinA, _spinT, _spinCos, _spinSin;

    public PosteriorElementsShape(Vertebra v, TissueHu tissue)
    {
        _v = v;
        _hu = tissue.PosteriorElements;
        var s = v.Size;
        _canalA = v.CanalOffset;
        _canalHalfW = s.CanalWidth / 2;
        _canalHalfD = s.CanalDepth / 2;
        _arch = s.ArchThickness;
        _low = -0.4 * v.StackHeight;
        _high = 0.45 * v.StackHeight;
        _spinA = _canalA - _canalHalfD - _arch * 0.5;
        _spinT = 0.1 * v.StackHeight;
        (_spinSin, _spinCos) = Math.SinCos(s.SpinousSlopeDegrees * Math.PI / 180);
        var lateral = _canalHalfW + _arch + s.TransverseLength + 1;
        var back = _canalA - _canalHalfD - _arch - s.SpinousLength - s.SpinousHeight;
        var low = Math.Min(_low, _spinT - s.SpinousLength * _spinSin - s.SpinousHeight);
        Bounds = Aabb.OfLocalBox(v.Frame, new V3(-lateral, back, low - 1), new V3(lateral, -v.HalfDepth + 2, Math.Max(_high, _spinT + s.SpinousHeight) + 1));
    }

    public Aabb Bounds { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sample(in V3 p, out float hu)
    {
        hu = _hu;
        var s = _v.Size;
        if (s.ArchThickness <= 0) return false;
        var local = _v.Frame.ToLocal(p);
        double l = local.X, a = local.Y, t = local.Z;

        // Spinous process: a bar from the back of the arch, sloping caudally.
        if (s.SpinousLength > 0 && Math.Abs(l) <= 3.5)
        {
            var da = _spinA - a;               // backwards
            var dt = t - _spinT;
            var along = da * _spinCos - dt * _spinSin;
            var across = da * _spinSin + dt * _spinCos;
            if (along >= 0 && along <= s.SpinousLength && Math.Abs(across) <= s.SpinousHeight / 2) return true;
        }
        if (t < _low || t > _high) return false;

        // Pedicles and laminae: a ring around the canal, kept out of the body (its front lies against the body's back).
        var nl = l / _canalHalfW;
        var na = (a - _canalA) / _canalHalfD;
        var rho = Math.Sqrt(nl * nl + na * na);
        if (rho >= 1 && (rho - 1) * Math.Min(_canalHalfW, _canalHalfD) <= _arch && a < -_v.HalfDepth + 2
            && (a < _canalA + _canalHalfD * 0.3 || Math.Abs(l) > _canalHalfW * 0.7))
            return true;

        // Transverse processes.
        if (s.TransverseLength > 0 && Math.Abs(a - (_canalA - 2)) <= 5 && Math.Abs(t - 0.15 * _v.StackHeight) <= 5
            && Math.Abs(l) >= _canalHalfW && Math.Abs(l) <= _canalHalfW + _arch + s.TransverseLength)
            return true;
        return false;
    }
}
