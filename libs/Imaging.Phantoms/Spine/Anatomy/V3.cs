namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>A point or direction in patient coordinates (mm; DICOM LPS: X to the patient's left, Y posterior, Z head).</summary>
internal readonly record struct V3(double X, double Y, double Z)
{
    public static V3 operator +(V3 a, V3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static V3 operator -(V3 a, V3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static V3 operator *(V3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    public static V3 operator *(double s, V3 a) => new(a.X * s, a.Y * s, a.Z * s);

    public double Dot(V3 b) => X * b.X + Y * b.Y + Z * b.Z;

    public V3 Cross(V3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);

    public double Length => Math.Sqrt(Dot(this));

    public V3 Normalized()
    {
        var length = Length;
        return length > 0 ? this * (1 / length) : this;
    }

    public double[] ToArray(int decimals = 3) => [Math.Round(X, decimals), Math.Round(Y, decimals), Math.Round(Z, decimals)];
}
