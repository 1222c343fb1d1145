using Imaging.Analysis.Spine.Mr;
using Imaging.Analysis.Spine.Volume;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Analysis.Tests.Spine.Mr;

/// <summary>Test-only measurements of a label mask against the phantom truth: centroid (patient mm) and the extent of the
/// mask along the truth's body axis at the anterior rim, the centre and the posterior rim of the mid-sagittal plane. (The
/// real measurer belongs to the spine analyzer; this is only how the tests judge the masks.)</summary>
public static class MrTruthComparison
{
    public sealed record Measured(string Level, double[] Centroid, double Anterior, double Middle, double Posterior);

    public static Measured Measure(CtVolume volume, MrBodyFinderResult result, byte label, VertebraTruth truth)
    {
        var labels = result.Labels.Labels;
        var points = new List<(double X, double Y, double Z)>();
        for (var k = 0; k < volume.SizeZ; k++)
            for (var j = 0; j < volume.SizeY; j++)
                for (var i = 0; i < volume.SizeX; i++)
                    if (labels[((long)k * volume.SizeY + j) * volume.SizeX + i] == label) points.Add(volume.VoxelToPatient(i, j, k));
        var centroid = new[] { points.Average(p => p.X), points.Average(p => p.Y), points.Average(p => p.Z) };

        // Body frame from the truth: axis, anterior (perpendicular to it in the sagittal plane, pointing to −Y).
        var axis = truth.Axis;
        var anterior = new[] { 0.0, -axis[2], axis[1] };
        if (anterior[1] > 0) anterior = [0, axis[2], -axis[1]];
        var c = truth.CentroidMm;
        var mid = points.Where(p => Math.Abs(p.X) < 1.01).Select(p =>
        {
            double dx = p.X - c[0], dy = p.Y - c[1], dz = p.Z - c[2];
            return (A: dy * anterior[1] + dz * anterior[2], H: dy * axis[1] + dz * axis[2]);
        }).ToList();
        // Depth from the rows around the centre only: a corner that leaks a pixel must not move where the rims are read.
        var central = mid.Where(p => Math.Abs(p.H) < 3).ToList();
        var front = central.Max(p => p.A);
        var back = central.Min(p => p.A);
        var depth = front - back;
        double Extent(double at) => mid.Where(p => Math.Abs(p.A - at) <= 1.01) is var column && column.Any()
            ? column.Max(p => p.H) - column.Min(p => p.H) + volume.SpacingMm[1] : 0;
        return new Measured(truth.Level, centroid, Extent(front - 0.06 * depth), Extent(0), Extent(back + 0.06 * depth));
    }
}
