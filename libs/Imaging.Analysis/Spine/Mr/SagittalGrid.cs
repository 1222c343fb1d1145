using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Mr;

/// <summary>Views a sagittal volume's k planes as images with x running posterior and y running inferior, whichever way the
/// series' rows and columns were stored, and cleans each plane of coil shading.</summary>
internal sealed class SagittalGrid
{
    private readonly CtVolume _volume;
    private readonly bool _swap, _flipX, _flipY;

    private SagittalGrid(CtVolume volume, bool swap, bool flipX, bool flipY)
    {
        _volume = volume;
        _swap = swap;
        _flipX = flipX;
        _flipY = flipY;
        Width = swap ? volume.SizeY : volume.SizeX;
        Height = swap ? volume.SizeX : volume.SizeY;
        PixelMm = Math.Sqrt(volume.SpacingMm[0] * volume.SpacingMm[1]);
    }

    public int Width { get; }
    public int Height { get; }
    public int Planes => _volume.SizeZ;
    public double PixelMm { get; }

    /// <summary>Null when the volume's planes are not sagittal (the normal is not mostly left–right).</summary>
    public static SagittalGrid? For(CtVolume volume)
    {
        var a = volume.Affine;
        static double Norm(double x, double y, double z) => Math.Sqrt(x * x + y * y + z * z);
        var kx = a[2] / Norm(a[2], a[6], a[10]);
        if (Math.Abs(kx) < 0.8) return null;
        var iy = a[4] / Norm(a[0], a[4], a[8]);
        var jy = a[5] / Norm(a[1], a[5], a[9]);
        var swap = Math.Abs(jy) > Math.Abs(iy);
        // x must run posterior (+Y) and y inferior (−Z).
        var xAxisY = swap ? a[5] : a[4];
        var yAxisZ = swap ? a[8] : a[9];
        return new SagittalGrid(volume, swap, xAxisY < 0, yAxisZ > 0);
    }

    public long VoxelIndex(int x, int y, int k)
    {
        if (_flipX) x = Width - 1 - x;
        if (_flipY) y = Height - 1 - y;
        var (i, j) = _swap ? (y, x) : (x, y);
        return ((long)k * _volume.SizeY + j) * _volume.SizeX + i;
    }

    public float[] Plane(int k)
    {
        var plane = new float[Width * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                plane[y * Width + x] = _volume.Voxels[VoxelIndex(x, y, k)];
        return plane;
    }

    /// <summary>The plane divided by its large-scale smooth (normalised convolution over the foreground, so air does not pull
    /// edges down); background becomes 0.</summary>
    public float[] Corrected(int k, float foreground, double sigmaMm)
    {
        var plane = Plane(k);
        var n = plane.Length;
        var mask = new float[n];
        var weighted = new float[n];
        for (var p = 0; p < n; p++)
        {
            if (plane[p] <= foreground) continue;
            mask[p] = 1;
            weighted[p] = plane[p];
        }
        var radius = Math.Max(1, (int)Math.Round(sigmaMm / PixelMm / Math.Sqrt(3)));
        BoxBlur.Apply(weighted, Width, Height, radius, 3);
        BoxBlur.Apply(mask, Width, Height, radius, 3);
        var result = new float[n];
        for (var p = 0; p < n; p++)
            if (plane[p] > foreground && mask[p] > 0.05f && weighted[p] > 0) result[p] = plane[p] * mask[p] / weighted[p];
        return result;
    }
}
