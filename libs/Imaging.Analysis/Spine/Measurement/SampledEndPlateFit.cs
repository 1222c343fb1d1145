using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Measurement;

/// <summary>Places an end plate's outer edge by fitting a model of how the plate was sampled: a plate of fixed thickness
/// between trabecular bone and the disc (three unknown densities), averaged over each source slice's thickness, read at the
/// source slices' real positions and linearly interpolated between them as the volume was, along every line of the
/// profile's patch. Unlike a threshold on the resampled profile, its answer does not move with where the plate meets the
/// slices.</summary>
internal sealed class SampledEndPlateFit
{
    /// <summary>The modelled cortical plate's thickness, mm (end plates are 0.5–1.5 mm; with slices thicker than the plate
    /// the fit sees its mass, so an error here moves the edge by about half the error).</summary>
    public const double PlateThicknessMm = 1.0;

    /// <summary>How far the fitted edge may move from the first estimate, mm.</summary>
    private const double SearchMm = 2.0;

    private const double SearchStepMm = 0.05;

    private readonly double[] _lineDepths;
    private readonly double[] _sliceDepths;
    private readonly double _cosine;
    private readonly double _boxMm;

    private SampledEndPlateFit(double[] lineDepths, double[] sliceDepths, double cosine, double boxMm)
    {
        _lineDepths = lineDepths;
        _sliceDepths = sliceDepths;
        _cosine = cosine;
        _boxMm = boxMm;
    }

    /// <summary>The model for lines from <paramref name="origins"/> along <paramref name="axis"/>, or null when the volume does
    /// not say how it was sampled (fewer than two source slices or no normal).</summary>
    public static SampledEndPlateFit? For(CtVolume volume, IReadOnlyList<Vec3> origins, Vec3 axis)
    {
        var depths = volume.SourceSliceDepthsMm;
        if (volume.SliceNormal.Count != 3 || depths.Count < 2) return null;
        var normal = new Vec3(volume.SliceNormal[0], volume.SliceNormal[1], volume.SliceNormal[2]);
        var sliceDepths = depths.ToArray();
        for (var i = 1; i < sliceDepths.Length; i++)
            if (!(sliceDepths[i] > sliceDepths[i - 1])) return null;
        var steps = new double[sliceDepths.Length - 1];
        for (var i = 0; i < steps.Length; i++) steps[i] = sliceDepths[i + 1] - sliceDepths[i];
        Array.Sort(steps);
        // Without Slice Thickness, contiguous slices (thickness = spacing) are the usual acquisition.
        var thickness = volume.SliceThicknessMm is > 0 and < 20 ? volume.SliceThicknessMm.Value : steps[steps.Length / 2];
        var cosine = Math.Abs(axis.Dot(normal));
        if (cosine < 0.5) return null;
        var lineDepths = origins.Select(o => o.Dot(normal)).ToArray();
        // Along the axis the plate's direction makes the slice's box shorter by the cosine.
        return new SampledEndPlateFit(lineDepths, sliceDepths, axis.Dot(normal), Math.Max(0.05, thickness * cosine));
    }

    /// <summary>The outer edge (profile position t, mm) that best explains <paramref name="profile"/> between
    /// <paramref name="inner"/> and <paramref name="outer"/> (inside the body to the disc), searched around
    /// <paramref name="guess"/>; <paramref name="direction"/> is +1 for a cranial plate, −1 for a caudal one. Null when the fit
    /// finds no plate denser than both sides.</summary>
    public double? Edge(Func<double, double> profile, double inner, double outer, double guess, int direction, double stepMm)
    {
        var n = (int)Math.Floor(Math.Abs(outer - inner) / stepMm) + 1;
        if (n < 8) return null;
        var ts = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            ts[i] = inner + Math.Sign(outer - inner) * i * stepMm;
            ys[i] = profile(ts[i]);
        }
        double low = double.MaxValue, high = double.MinValue;
        foreach (var y in ys)
        {
            low = Math.Min(low, y);
            high = Math.Max(high, y);
        }
        var slack = 0.1 * (high - low);
        var steps = (int)Math.Round(2 * SearchMm / SearchStepMm);
        var errors = new double[steps + 1];
        var best = -1;
        for (var s = 0; s <= steps; s++)
        {
            var e = guess - SearchMm + s * SearchStepMm;
            errors[s] = Residual(ts, ys, e, direction, out var plate, out var trabecular, out var disc);
            // A plate no denser than its sides, or sides outside what was sampled, is the basis degenerating, not a fit.
            if (!(plate > trabecular && plate > disc) || trabecular < low - slack || trabecular > high || disc < low - slack || disc > high)
                errors[s] = double.MaxValue;
            if (best < 0 || errors[s] < errors[best]) best = s;
        }
        if (best < 0 || errors[best] == double.MaxValue) return null;
        var edge = guess - SearchMm + best * SearchStepMm;
        if (best > 0 && best < steps && errors[best - 1] < double.MaxValue && errors[best + 1] < double.MaxValue)
        {
            // Parabola through the three errors around the minimum: the edge to a fraction of the search step.
            var curvature = errors[best - 1] - 2 * errors[best] + errors[best + 1];
            if (curvature > 0) edge += SearchStepMm * 0.5 * (errors[best - 1] - errors[best + 1]) / curvature;
        }
        return edge;
    }

    /// <summary>Least-squares residual of the model with its outer edge at <paramref name="edge"/>: the three densities enter
    /// linearly, so they are solved for exactly.</summary>
    private double Residual(double[] ts, double[] ys, double edge, int direction, out double plate, out double trabecular, out double disc)
    {
        // y ≈ T + (P − T)·inner + (D − P)·outer, with inner/outer the sampled fractions beyond each face of the plate.
        double s11 = 0, s12 = 0, s13 = 0, s22 = 0, s23 = 0, s33 = 0, b1 = 0, b2 = 0, b3 = 0, yy = 0;
        for (var i = 0; i < ts.Length; i++)
        {
            var (fin, fout) = Basis(ts[i], edge, direction);
            var y = ys[i];
            s11 += 1; s12 += fin; s13 += fout; s22 += fin * fin; s23 += fin * fout; s33 += fout * fout;
            b1 += y; b2 += fin * y; b3 += fout * y; yy += y * y;
        }
        var x = Solve3(s11, s12, s13, s22, s23, s33, b1, b2, b3);
        if (x is not { } c)
        {
            plate = trabecular = disc = 0;
            return double.MaxValue;
        }
        trabecular = c.A;
        plate = c.A + c.B;
        disc = plate + c.C;
        // ‖y − Xc‖² = yᵀy − cᵀXᵀy at the least-squares solution.
        return yy - (c.A * b1 + c.B * b2 + c.C * b3);
    }

    /// <summary>The modelled fractions of "beyond the plate's inner face" and "beyond its outer face" at profile position
    /// <paramref name="t"/>, averaged over the patch's lines.</summary>
    private (double Inner, double Outer) Basis(double t, double edge, int direction)
    {
        double inner = 0, outer = 0;
        foreach (var lineDepth in _lineDepths)
        {
            var depth = lineDepth + t * _cosine;
            var (m0, m1, f) = Bracket(depth);
            var (i0, o0) = SliceFractions(t + (_sliceDepths[m0] - depth) * _cosine, edge, direction);
            var (i1, o1) = SliceFractions(t + (_sliceDepths[m1] - depth) * _cosine, edge, direction);
            inner += i0 + (i1 - i0) * f;
            outer += o0 + (o1 - o0) * f;
        }
        return (inner / _lineDepths.Length, outer / _lineDepths.Length);
    }

    /// <summary>Fractions of one slice's box (centred at profile position <paramref name="x"/>) beyond the plate's inner and
    /// outer faces.</summary>
    private (double Inner, double Outer) SliceFractions(double x, double edge, int direction)
    {
        var u = direction * (x - edge);
        return (Math.Clamp((u + PlateThicknessMm) / _boxMm + 0.5, 0, 1), Math.Clamp(u / _boxMm + 0.5, 0, 1));
    }

    private (int M0, int M1, double F) Bracket(double depth)
    {
        var d = _sliceDepths;
        if (depth <= d[0]) return (0, 0, 0);
        if (depth >= d[^1]) return (d.Length - 1, d.Length - 1, 0);
        var m = Array.BinarySearch(d, depth);
        if (m >= 0) return (m, m, 0);
        var m1 = ~m;
        var m0 = m1 - 1;
        return (m0, m1, (depth - d[m0]) / (d[m1] - d[m0]));
    }

    private static (double A, double B, double C)? Solve3(double a11, double a12, double a13, double a22, double a23, double a33,
        double b1, double b2, double b3)
    {
        // Symmetric 3 × 3 by Cramer's rule; the normal equations are tiny and well scaled (fractions in [0, 1]).
        var det = a11 * (a22 * a33 - a23 * a23) - a12 * (a12 * a33 - a23 * a13) + a13 * (a12 * a23 - a22 * a13);
        if (Math.Abs(det) < 1e-9) return null;
        var x = (b1 * (a22 * a33 - a23 * a23) - a12 * (b2 * a33 - a23 * b3) + a13 * (b2 * a23 - a22 * b3)) / det;
        var y = (a11 * (b2 * a33 - a23 * b3) - b1 * (a12 * a33 - a23 * a13) + a13 * (a12 * b3 - b2 * a13)) / det;
        var z = (a11 * (a22 * b3 - b2 * a23) - a12 * (a12 * b3 - b2 * a13) + b1 * (a12 * a23 - a22 * a13)) / det;
        return (x, y, z);
    }
}
