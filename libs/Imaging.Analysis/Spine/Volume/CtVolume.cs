namespace Imaging.Analysis.Spine.Volume;

/// <summary>A CT series as one block of HU values: voxel (i, j, k) at <c>Voxels[(k * SizeY + j) * SizeX + i]</c>, i along the
/// image rows' direction, j along the columns' direction, k along the slice normal (ascending positions), placed in patient
/// coordinates (mm, DICOM LPS) by <see cref="Affine"/>.</summary>
public sealed class CtVolume
{
    private readonly double[] _inverse;

    internal CtVolume(float[] voxels, int sizeX, int sizeY, int sizeZ, double[] affine, bool resampled, int sourceSlices,
        IReadOnlyList<VolumeWarning> warnings, string? seriesInstanceUid)
    {
        Voxels = voxels;
        SizeX = sizeX;
        SizeY = sizeY;
        SizeZ = sizeZ;
        Affine = affine;
        Resampled = resampled;
        SourceSlices = sourceSlices;
        Warnings = warnings;
        SeriesInstanceUid = seriesInstanceUid;
        _inverse = Invert(affine);
        SpacingMm = [Column(0).Length, Column(1).Length, Column(2).Length];
    }

    /// <summary>HU values, x fastest.</summary>
    public float[] Voxels { get; }

    public int SizeX { get; }
    public int SizeY { get; }
    public int SizeZ { get; }

    /// <summary>Distance between voxel centres along i, j and k in mm.</summary>
    public double[] SpacingMm { get; }

    /// <summary>Row-major 4 × 4 matrix from voxel indices (i, j, k, 1) to patient mm (x, y, z, 1). Its columns are the
    /// step vectors of i, j and k and the centre of voxel (0, 0, 0).</summary>
    public double[] Affine { get; }

    /// <summary>True when the voxels are the isotropic resampling, false when they are the slices' own grid.</summary>
    public bool Resampled { get; }

    /// <summary>Slices that went into the volume (after leaving out duplicates and unusable ones).</summary>
    public int SourceSlices { get; }

    public IReadOnlyList<VolumeWarning> Warnings { get; }

    /// <summary>Unit normal of the source slices in patient coordinates (they ascend along it); empty when unknown.</summary>
    public IReadOnlyList<double> SliceNormal { get; internal init; } = [];

    /// <summary>Where each source slice lies along <see cref="SliceNormal"/> (its position · the normal, mm), ascending: what a
    /// measurement needs to model how an edge was sampled between slices. Empty when unknown.</summary>
    public IReadOnlyList<double> SourceSliceDepthsMm { get; internal init; } = [];

    /// <summary>The source slices' nominal thickness (Slice Thickness, the median over the slices), mm; null when absent.</summary>
    public double? SliceThicknessMm { get; internal init; }

    public string? SeriesInstanceUid { get; }

    public float this[int i, int j, int k] => Voxels[((long)k * SizeY + j) * SizeX + i];

    /// <summary>Patient coordinates (mm) of a voxel position (fractional indices allowed).</summary>
    public (double X, double Y, double Z) VoxelToPatient(double i, double j, double k)
    {
        var a = Affine;
        return (a[0] * i + a[1] * j + a[2] * k + a[3], a[4] * i + a[5] * j + a[6] * k + a[7], a[8] * i + a[9] * j + a[10] * k + a[11]);
    }

    /// <summary>Fractional voxel indices of a patient position.</summary>
    public (double I, double J, double K) PatientToVoxel(double x, double y, double z)
    {
        var m = _inverse;
        return (m[0] * x + m[1] * y + m[2] * z + m[3], m[4] * x + m[5] * y + m[6] * z + m[7], m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /// <summary>Trilinear HU at a patient position; <paramref name="outside"/> beyond the volume.</summary>
    public float SampleAtPatient(double x, double y, double z, float outside = -1024)
    {
        var (i, j, k) = PatientToVoxel(x, y, z);
        return Sample(i, j, k, outside);
    }

    /// <summary>Trilinear HU at fractional voxel indices; <paramref name="outside"/> beyond the volume.</summary>
    public float Sample(double i, double j, double k, float outside = -1024)
    {
        if (!(i >= 0 && j >= 0 && k >= 0 && i <= SizeX - 1 && j <= SizeY - 1 && k <= SizeZ - 1)) return outside;
        int i0 = Math.Min((int)i, Math.Max(SizeX - 2, 0)), j0 = Math.Min((int)j, Math.Max(SizeY - 2, 0)), k0 = Math.Min((int)k, Math.Max(SizeZ - 2, 0));
        double fx = i - i0, fy = j - j0, fz = k - k0;
        int i1 = Math.Min(i0 + 1, SizeX - 1), j1 = Math.Min(j0 + 1, SizeY - 1), k1 = Math.Min(k0 + 1, SizeZ - 1);
        double Lerp(double a, double b, double t) => a + (b - a) * t;
        var c00 = Lerp(this[i0, j0, k0], this[i1, j0, k0], fx);
        var c10 = Lerp(this[i0, j1, k0], this[i1, j1, k0], fx);
        var c01 = Lerp(this[i0, j0, k1], this[i1, j0, k1], fx);
        var c11 = Lerp(this[i0, j1, k1], this[i1, j1, k1], fx);
        return (float)Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    private (double X, double Y, double Z, double Length) Column(int c)
    {
        double x = Affine[c], y = Affine[4 + c], z = Affine[8 + c];
        return (x, y, z, Math.Sqrt(x * x + y * y + z * z));
    }

    private static double[] Invert(double[] a)
    {
        // Inverse of [M t; 0 1] is [M⁻¹ −M⁻¹t; 0 1], M⁻¹ by cofactors.
        double m00 = a[0], m01 = a[1], m02 = a[2], m10 = a[4], m11 = a[5], m12 = a[6], m20 = a[8], m21 = a[9], m22 = a[10];
        var det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
        if (Math.Abs(det) < 1e-12) throw new CtVolumeException("The volume's axes are degenerate (zero determinant)");
        var inv = new double[16];
        inv[0] = (m11 * m22 - m12 * m21) / det;
        inv[1] = (m02 * m21 - m01 * m22) / det;
        inv[2] = (m01 * m12 - m02 * m11) / det;
        inv[4] = (m12 * m20 - m10 * m22) / det;
        inv[5] = (m00 * m22 - m02 * m20) / det;
        inv[6] = (m02 * m10 - m00 * m12) / det;
        inv[8] = (m10 * m21 - m11 * m20) / det;
        inv[9] = (m01 * m20 - m00 * m21) / det;
        inv[10] = (m00 * m11 - m01 * m10) / det;
        for (var r = 0; r < 3; r++) inv[r * 4 + 3] = -(inv[r * 4] * a[3] + inv[r * 4 + 1] * a[7] + inv[r * 4 + 2] * a[11]);
        inv[15] = 1;
        return inv;
    }
}
