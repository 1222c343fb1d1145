using Imaging.Analysis.Spine.Seg;
using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Lesions;

/// <summary>One labelled body cut out of the volume with a small margin: its outline with holes filled (a lytic lesion is
/// below the body threshold, so the label leaves it out), the trabecular interior eroded away from the cortex and end
/// plates, and the voxels near cement, which are neither reference nor lesion.</summary>
internal sealed class BodyInterior
{
    private BodyInterior(int x0, int y0, int z0, int sx, int sy, int sz, bool[] filled, bool[] interior)
    {
        X0 = x0; Y0 = y0; Z0 = z0; SizeX = sx; SizeY = sy; SizeZ = sz;
        Filled = filled;
        Interior = interior;
    }

    public int X0 { get; }
    public int Y0 { get; }
    public int Z0 { get; }
    public int SizeX { get; }
    public int SizeY { get; }
    public int SizeZ { get; }

    /// <summary>The label with its enclosed holes, crop-local, x fastest.</summary>
    public bool[] Filled { get; }

    /// <summary>Filled voxels far enough inside the outline and away from cement: where lesions are sought.</summary>
    public bool[] Interior { get; }

    public long FilledVoxels => Filled.LongCount(f => f);

    /// <summary>Index of crop voxel (i, j, k) in the volume.</summary>
    public long VolumeIndex(int i, int j, int k, int nx, int ny) => ((long)(k + Z0) * ny + (j + Y0)) * nx + (i + X0);

    public static BodyInterior Build(CtVolume volume, byte[] labels, byte value, (int X0, int Y0, int Z0, int X1, int Y1, int Z1) box,
        float cementHu, SpineLesionOptions options)
    {
        int nx = volume.SizeX, ny = volume.SizeY;
        // A voxel of margin so the hole filling has an outside to start from on every side.
        var x0 = Math.Max(0, box.X0 - 1);
        var y0 = Math.Max(0, box.Y0 - 1);
        var z0 = Math.Max(0, box.Z0 - 1);
        var sx = Math.Min(nx - 1, box.X1 + 1) - x0 + 1;
        var sy = Math.Min(ny - 1, box.Y1 + 1) - y0 + 1;
        var sz = Math.Min(volume.SizeZ - 1, box.Z1 + 1) - z0 + 1;
        var n = checked(sx * sy * sz);
        var filled = new bool[n];
        var cement = new bool[n];
        var anyCement = false;
        for (var k = 0; k < sz; k++)
            for (var j = 0; j < sy; j++)
            {
                var row = ((long)(k + z0) * ny + (j + y0)) * nx + x0;
                var local = (k * sy + j) * sx;
                for (var i = 0; i < sx; i++)
                {
                    if (labels[row + i] != value) continue;
                    filled[local + i] = true;
                    if (volume.Voxels[row + i] >= cementHu) { cement[local + i] = true; anyCement = true; }
                }
            }
        EnclosedFill.Fill3D(filled, sx, sy, sz);
        EnclosedFill.FillPerPlane(filled, sx, sy, sz);

        var outside = new bool[n];
        for (var p = 0; p < n; p++) outside[p] = !filled[p];
        double wx = volume.SpacingMm[0], wy = volume.SpacingMm[1], wz = volume.SpacingMm[2];
        // An ellipsoidal erosion: distances along the grid's third axis are shrunk so that the along-slice depth counts as the in-plane one.
        var toOutside = DistanceTransform.Squared(outside, sx, sy, sz, wx, wy, wz * options.InteriorErosionMm / options.InteriorErosionAlongSlicesMm);
        var erosion2 = options.InteriorErosionMm * options.InteriorErosionMm;
        var interior = new bool[n];
        for (var p = 0; p < n; p++) interior[p] = filled[p] && toOutside[p] >= erosion2;
        if (anyCement)
        {
            var toCement = DistanceTransform.Squared(cement, sx, sy, sz, wx, wy, wz);
            var margin2 = options.CementMarginMm * options.CementMarginMm;
            for (var p = 0; p < n; p++) if (toCement[p] <= margin2) interior[p] = false;
        }
        return new BodyInterior(x0, y0, z0, sx, sy, sz, filled, interior);
    }
}
