using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Measurement;

/// <summary>Step 5: measures every labelled body from the labels and the volume's grid alone, so the CT, MR and SEG paths
/// share it. With <c>refineWithHu</c> (CT), each end-plate edge found on the labels is refined to the sub-voxel crossing of
/// the HU profile between the cortical peak and the value outside the body.</summary>
public static class VertebralBodyMeasurer
{
    private const double LineStepMm = 0.25;
    private const double ReachMm = 45;

    /// <summary>Measures every level in <paramref name="labels"/> except the sacrum (no disc below S1: no lower end plate to
    /// measure), cranial first.</summary>
    public static IReadOnlyList<VertebraMeasurement> Measure(CtVolume volume, VertebralBodyLabels labels, bool refineWithHu,
        SpineAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= SpineAnalysisOptions.Default;
        labels.Validate();
        if (labels.SizeX != volume.SizeX || labels.SizeY != volume.SizeY || labels.SizeZ != volume.SizeZ)
            throw new ArgumentException($"Labels {labels.SizeX}×{labels.SizeY}×{labels.SizeZ} are not on the volume's grid {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}.");

        var count = new long[256];
        var sums = new double[256 * 3];
        var dense = new long[256];
        int nx = volume.SizeX, ny = volume.SizeY;
        var data = labels.Labels;
        for (var p = 0; p < data.Length; p++)
        {
            var value = data[p];
            if (value == 0) continue;
            count[value]++;
            sums[value * 3] += p % nx;
            sums[value * 3 + 1] += p / nx % ny;
            sums[value * 3 + 2] += p / (nx * ny);
            if (refineWithHu && volume.Voxels[p] >= options.CementMinimumHu) dense[value]++;
        }
        var voxelMl = volume.SpacingMm[0] * volume.SpacingMm[1] * volume.SpacingMm[2] / 1000;
        var bodies = new List<(byte Value, string Level, Vec3 Centroid, Vec3 Voxel)>();
        foreach (var (value, level) in labels.Levels)
        {
            if (count[value] == 0) continue;
            var n = (double)count[value];
            var voxel = new Vec3(sums[value * 3] / n, sums[value * 3 + 1] / n, sums[value * 3 + 2] / n);
            var (x, y, z) = volume.VoxelToPatient(voxel.X, voxel.Y, voxel.Z);
            bodies.Add((value, level, new Vec3(x, y, z), voxel));
        }
        bodies.Sort((a, b) => b.Centroid.Z.CompareTo(a.Centroid.Z));

        var results = new VertebraMeasurement[bodies.Count];
        Parallel.For(0, bodies.Count, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            var (value, level, centroid, _) = bodies[b];
            // Local axis: the chord between the neighbours' centroids follows the spine's curve through this body.
            var above = b > 0 ? bodies[b - 1].Centroid : centroid;
            var below = b + 1 < bodies.Count ? bodies[b + 1].Centroid : centroid;
            var axis = (above - below).Normalized();
            if (axis.Length < 0.5) axis = new Vec3(0, 0, 1);
            var anterior = (new Vec3(0, -1, 0) - axis * -axis.Y).Normalized();
            var lateral = axis.Cross(anterior);
            var probe = new LabelProbe(volume, data, value);

            // Depth of the body along the anterior direction through the centroid.
            var (back, front) = probe.Extent(centroid, anterior);
            var centre = (back + front) / 2;
            var halfDepth = (front - back) / 2;
            double HeightAt(double a)
            {
                if (refineWithHu) return RefinedHeight(volume, probe, centroid + anterior * a, anterior, lateral, axis, options);
                var heights = new List<double>(3);
                foreach (var l in new[] { -options.SagittalPlaneOffsetMm, 0, options.SagittalPlaneOffsetMm })
                {
                    var (lo, hi) = probe.Extent(centroid + anterior * a + lateral * l, axis);
                    if (hi > lo) heights.Add(hi - lo);
                }
                if (heights.Count == 0) return 0;
                heights.Sort();
                return heights[heights.Count / 2];
            }
            var rim = Math.Max(0, Math.Min(options.RimFraction * halfDepth, halfDepth - options.RimWallClearanceMm));
            results[b] = new VertebraMeasurement
            {
                Level = level,
                AnteriorHeightMm = HeightAt(centre + rim),
                MiddleHeightMm = HeightAt(centre),
                PosteriorHeightMm = HeightAt(centre - rim),
                VolumeMl = count[value] * voxelMl,
                CentroidMm = [centroid.X, centroid.Y, centroid.Z],
                Axis = [axis.X, axis.Y, axis.Z],
                Cement = refineWithHu && dense[value] * voxelMl >= options.CementMinimumMl,
            };
        });
        return results.Where(r => r.Level != "S1").ToList();
    }

    /// <summary>Height at one position on CT: the label's run on a patch of parallel lines (5 across the body, 3 front to back,
    /// within ±<see cref="SpineAnalysisOptions.SagittalPlaneOffsetMm"/> and ±1 mm) gives each end plate's rough place; the
    /// HU profile averaged over the patch (averaging 15 lines cuts the noise fourfold) places it to a fraction of a voxel.</summary>
    private static double RefinedHeight(CtVolume volume, LabelProbe probe, Vec3 position, Vec3 anterior, Vec3 lateral, Vec3 axis,
        SpineAnalysisOptions options)
    {
        var offset = options.SagittalPlaneOffsetMm;
        var origins = new List<Vec3>(15);
        foreach (var a in new[] { -1.0, 0, 1.0 })
            foreach (var l in new[] { -offset, -offset / 2, 0, offset / 2, offset })
                origins.Add(position + anterior * a + lateral * l);
        var lows = new List<double>(origins.Count);
        var highs = new List<double>(origins.Count);
        foreach (var origin in origins)
        {
            var (lo, hi) = probe.Extent(origin, axis);
            if (hi <= lo) continue;
            lows.Add(lo);
            highs.Add(hi);
        }
        if (lows.Count == 0) return 0;
        lows.Sort();
        highs.Sort();
        // The median run: a line grazing a lesion, cement or a gap in the labels does not move the plate.
        double low = lows[lows.Count / 2], high = highs[highs.Count / 2];
        var profile = EndPlateProfile.Sample(volume, origins, axis, low - EndPlateProfile.MarginMm, high + EndPlateProfile.MarginMm);
        var fit = SampledEndPlateFit.For(volume, origins, axis);
        return profile.OuterEdge(high, +1, options.EdgeFraction, fit) - profile.OuterEdge(low, -1, options.EdgeFraction, fit);
    }

    /// <summary>Nearest-voxel label lookups along lines in patient mm.</summary>
    private readonly struct LabelProbe(CtVolume volume, byte[] labels, byte value)
    {
        private bool Inside(Vec3 p)
        {
            var (i, j, k) = volume.PatientToVoxel(p.X, p.Y, p.Z);
            int ii = (int)Math.Round(i), jj = (int)Math.Round(j), kk = (int)Math.Round(k);
            if (ii < 0 || jj < 0 || kk < 0 || ii >= volume.SizeX || jj >= volume.SizeY || kk >= volume.SizeZ) return false;
            return labels[((long)kk * volume.SizeY + jj) * volume.SizeX + ii] == value;
        }

        /// <summary>The run of the label along <paramref name="direction"/> through (or nearest to) <paramref name="origin"/>, as
        /// signed distances of its outer edges (half a step beyond the last samples inside).</summary>
        public (double Low, double High) Extent(Vec3 origin, Vec3 direction)
        {
            var n = (int)(ReachMm / LineStepMm);
            var start = int.MinValue;
            for (var r = 0; r <= n && start == int.MinValue; r++)
            {
                if (Inside(origin + direction * (r * LineStepMm))) start = r;
                else if (Inside(origin + direction * (-r * LineStepMm))) start = -r;
            }
            if (start == int.MinValue) return (0, 0);
            int lo = start, hi = start;
            // Tolerate holes up to 1.5 mm along the line (noise speckle below the body threshold).
            const int gap = 6;
            for (var grew = true; grew;)
            {
                grew = false;
                for (var g = gap; g >= 1; g--)
                    if (hi + g <= n && Inside(origin + direction * ((hi + g) * LineStepMm))) { hi += g; grew = true; break; }
            }
            for (var grew = true; grew;)
            {
                grew = false;
                for (var g = gap; g >= 1; g--)
                    if (lo - g >= -n && Inside(origin + direction * ((lo - g) * LineStepMm))) { lo -= g; grew = true; break; }
            }
            return ((lo - 0.5) * LineStepMm, (hi + 0.5) * LineStepMm);
        }
    }
}
