namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>An orthonormal frame at <see cref="Origin"/>: <see cref="Lateral"/> (to the patient's left), <see cref="Anterior"/>
/// and <see cref="Axis"/> (cranial), so shapes are described in their own coordinates and placed anywhere.</summary>
internal readonly record struct LocalFrame(V3 Origin, V3 Lateral, V3 Anterior, V3 Axis)
{
    /// <summary>A frame whose axis lies in the sagittal plane, tilted by <paramref name="thetaRadians"/> from the head
    /// direction towards the patient's back (positive) or front (negative).</summary>
    public static LocalFrame Sagittal(V3 origin, double thetaRadians)
    {
        var (sin, cos) = Math.SinCos(thetaRadians);
        return new LocalFrame(origin, new V3(1, 0, 0), new V3(0, -cos, sin), new V3(0, sin, cos));
    }

    public V3 ToLocal(V3 p)
    {
        var d = p - Origin;
        return new V3(d.Dot(Lateral), d.Dot(Anterior), d.Dot(Axis));
    }

    public V3 ToPatient(double lateral, double anterior, double axial) => Origin + Lateral * lateral + Anterior * anterior + Axis * axial;

    public V3 DirectionToPatient(double lateral, double anterior, double axial) => Lateral * lateral + Anterior * anterior + Axis * axial;
}
