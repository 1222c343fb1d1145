using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Volume;

namespace Imaging.Reporting.Spine;

/// <summary>A curved sagittal reformat of a spine volume: each row is one head–foot position (patient z, superior at the
/// top), each column one anterior–posterior position (patient y, anterior at the left, as sagittal images are viewed);
/// the lateral position follows the vertebral centroids (piecewise linear in z, held constant beyond the end levels), so
/// a scoliotic or off-centre spine stays in the plane.</summary>
public sealed class SagittalReformat
{
    /// <summary>Longest side of the reformat in pixels; a longer field of view gets coarser pixels.</summary>
    public const int MaximumSize = 2048;

    private readonly (double Z, double X)[] _path;

    private SagittalReformat(float[] values, int width, int height, double spacingMm, double topZ, double anteriorY, (double Z, double X)[] path)
    {
        Values = values;
        Width = width;
        Height = height;
        SpacingMm = spacingMm;
        TopZ = topZ;
        AnteriorY = anteriorY;
        _path = path;
    }

    /// <summary>Sampled values (HU on CT), row-major, NaN outside the volume.</summary>
    public float[] Values { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixel spacing both ways (mm): the volume's finest spacing, at least 0.5 mm.</summary>
    public double SpacingMm { get; }

    /// <summary>Patient z (mm) of the centre of row 0.</summary>
    public double TopZ { get; }

    /// <summary>Patient y (mm) of the centre of column 0.</summary>
    public double AnteriorY { get; }

    /// <summary>Row (fractional) of patient z.</summary>
    public double RowOf(double z) => (TopZ - z) / SpacingMm;

    /// <summary>Column (fractional) of patient y.</summary>
    public double ColumnOf(double y) => (y - AnteriorY) / SpacingMm;

    /// <summary>Lateral position (patient x, mm) of the reformat surface at patient z.</summary>
    public double LateralAt(double z)
    {
        if (z <= _path[0].Z) return _path[0].X;
        if (z >= _path[^1].Z) return _path[^1].X;
        for (var i = 1; i < _path.Length; i++)
        {
            if (z > _path[i].Z) continue;
            var (z0, x0) = _path[i - 1];
            var (z1, x1) = _path[i];
            return z1 - z0 < 1e-9 ? x1 : x0 + (x1 - x0) * (z - z0) / (z1 - z0);
        }
        return _path[^1].X;
    }

    /// <summary>Reformats <paramref name="volume"/> along the centroids of <paramref name="levels"/> (levels without a
    /// finite centroid are ignored; with none, the volume's centre plane is used).</summary>
    public static SagittalReformat Create(CtVolume volume, IReadOnlyList<VertebraFindings> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(levels);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue, minZ = double.MaxValue, maxZ = double.MinValue;
        foreach (var i in new[] { 0.0, volume.SizeX - 1 })
            foreach (var j in new[] { 0.0, volume.SizeY - 1 })
                foreach (var k in new[] { 0.0, volume.SizeZ - 1 })
                {
                    var (x, y, z) = volume.VoxelToPatient(i, j, k);
                    (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                    (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
                    (minZ, maxZ) = (Math.Min(minZ, z), Math.Max(maxZ, z));
                }
        if (!double.IsFinite(minX + maxX + minY + maxY + minZ + maxZ))
            throw new ArgumentException("The volume's geometry is not finite.", nameof(volume));

        var finest = volume.SpacingMm.Where(s => double.IsFinite(s) && s > 0).DefaultIfEmpty(1).Min();
        var spacing = Math.Max(finest, 0.5);
        double depth = maxY - minY, length = maxZ - minZ;
        spacing = Math.Max(spacing, Math.Max(depth, length) / (MaximumSize - 1));
        var width = (int)Math.Floor(depth / spacing) + 1;
        var height = (int)Math.Floor(length / spacing) + 1;

        var path = levels.Where(l => l?.CentroidMm is { Length: 3 } c && c.All(double.IsFinite))
            .Select(l => (Z: l.CentroidMm[2], X: l.CentroidMm[0])).OrderBy(p => p.Z).ThenBy(p => p.X).ToArray();
        if (path.Length == 0) path = [((minZ + maxZ) / 2, (minX + maxX) / 2)];

        var reformat = new SagittalReformat(new float[checked(width * height)], width, height, spacing, maxZ, minY, path);
        for (var row = 0; row < height; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var z = maxZ - row * spacing;
            var x = reformat.LateralAt(z);
            for (var column = 0; column < width; column++)
                reformat.Values[row * width + column] = volume.SampleAtPatient(x, minY + column * spacing, z, float.NaN);
        }
        return reformat;
    }
}
