using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Measurement;

/// <summary>HU along a body's axis averaged over a patch of parallel lines, on which an end plate's outer edge is placed to a
/// fraction of a voxel.</summary>
internal sealed class EndPlateProfile
{
    /// <summary>How far beyond the label's run the profile is sampled, mm (the disc and the next plate must be on it).</summary>
    public const double MarginMm = 8;

    private const double StepMm = 0.1;

    /// <summary>Half the end plate's cortical thickness, mm: the plate's density centre lies this far inside its outer edge
    /// (end plates are 0.5–1 mm thick; 0.4 puts the mean height error on the phantoms at zero).</summary>
    private const double PlateHalfThicknessMm = 0.4;

    /// <summary>Plates standing less than this above the value outside are not plates (no refinement), HU.</summary>
    private const double MinimumContrastHu = 50;

    /// <summary>How far inside the peak the model fit starts, mm: enough trabecular bone to pin its density.</summary>
    private const double InnerWindowMm = 5;

    private readonly double[] _values;
    private readonly double _start;

    private EndPlateProfile(double[] values, double start)
    {
        _values = values;
        _start = start;
    }

    /// <summary>Samples the mean HU of <paramref name="origins"/> + t × <paramref name="axis"/> for t from
    /// <paramref name="from"/> to <paramref name="to"/> (mm).</summary>
    public static EndPlateProfile Sample(CtVolume volume, IReadOnlyList<Vec3> origins, Vec3 axis, double from, double to)
    {
        var n = Math.Max(2, (int)Math.Ceiling((to - from) / StepMm) + 1);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = from + i * StepMm;
            double sum = 0;
            foreach (var o in origins)
            {
                var p = o + axis * t;
                sum += volume.SampleAtPatient(p.X, p.Y, p.Z);
            }
            values[i] = sum / origins.Count;
        }
        return new EndPlateProfile(values, from);
    }

    /// <summary>The outer edge of the plate near <paramref name="edge"/> (the label's edge; <paramref name="direction"/> +1 cranial,
    /// −1 caudal): the mean of two estimates whose errors differ. On slices thicker than the plate the sampled peak falls short
    /// of the cortex, and where it falls depends on how the plate meets the slices: the crossing at <paramref name="fraction"/>
    /// of the way from the value outside to the peak follows the peak's sample, the centre of the plate's excess density
    /// follows the plate's mass; averaging the two halves the worst error.</summary>
    public double OuterEdge(double edge, int direction, double fraction, SampledEndPlateFit? fit = null)
    {
        double peakT = edge, peak = double.MinValue;
        for (var d = -3.0; d <= 0.5; d += StepMm)
        {
            var v = At(edge + direction * d);
            if (v > peak)
            {
                peak = v;
                peakT = edge + direction * d;
            }
        }
        double outside = double.MaxValue, outsideD = 0;
        for (var d = 0.0; d <= 4; d += StepMm)
        {
            var v = At(peakT + direction * d);
            if (v < outside)
            {
                outside = v;
                outsideD = d;
            }
        }
        if (peak - outside < MinimumContrastHu) return edge;
        var crossing = Crossing(peakT, peak, outside, direction, fraction);
        var centre = DensityCentre(peakT, outside, outsideD, direction);
        var estimate = crossing is { } c && centre is { } m ? (c + m) / 2 : crossing ?? centre ?? edge;
        if (fit is null) return estimate;
        // The fit alone is the right model but ill-conditioned where the plate sits inside one slice (its density and its
        // place trade off); its errors and the threshold rules' differ, so their mean is steadier than either (measured).
        var inner = peakT - direction * InnerWindowMm;
        var outer = peakT + direction * Math.Max(outsideD, 1);
        return fit.Edge(At, inner, outer, estimate, direction, StepMm) is { } fitted ? (fitted + estimate) / 2 : estimate;
    }

    /// <summary>Where the profile falls below <paramref name="fraction"/> of the way from outside to the peak, beyond the peak.</summary>
    private double? Crossing(double peakT, double peak, double outside, int direction, double fraction)
    {
        var level = outside + fraction * (peak - outside);
        var previous = peak;
        for (var d = StepMm; d <= 5; d += StepMm)
        {
            var v = At(peakT + direction * d);
            if (v < level)
            {
                var t = (previous - level) / (previous - v);
                return peakT + direction * (d - StepMm + t * StepMm);
            }
            previous = v;
        }
        return null;
    }

    /// <summary>The centre of the plate's density above its surroundings (trabecular bone inside, the disc outside) moved out by
    /// half a plate: linear blurs and interpolation move mass but keep its centre.</summary>
    private double? DensityCentre(double peakT, double outside, double outsideD, int direction)
    {
        Span<double> inside = stackalloc double[41];
        for (var i = 0; i < inside.Length; i++) inside[i] = At(peakT - direction * (3 + i * StepMm));
        inside.Sort();
        var trabecular = inside[inside.Length / 2];
        double mass = 0, moment = 0;
        for (var d = -3.0; d <= outsideD; d += StepMm)
        {
            var excess = At(peakT + direction * d) - (d < 0 ? trabecular : outside);
            if (excess <= 0) continue;
            mass += excess;
            moment += excess * d;
        }
        return mass > 0 ? peakT + direction * (moment / mass + PlateHalfThicknessMm) : null;
    }

    private double At(double t)
    {
        var x = (t - _start) / StepMm;
        if (x <= 0) return _values[0];
        if (x >= _values.Length - 1) return _values[^1];
        var i = (int)x;
        return _values[i] + (_values[i + 1] - _values[i]) * (x - i);
    }
}
