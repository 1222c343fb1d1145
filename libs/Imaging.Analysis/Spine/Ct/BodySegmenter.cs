using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Grows one vertebral body from a seed in front of the canal through voxels at or above the body threshold,
/// staying inside its <see cref="BodyRegion"/>; reports how far from the midline the grown bone reached (the pelvis when
/// the body is S1).</summary>
internal static class BodySegmenter
{
    public readonly record struct Grown(List<int> Voxels, double MaximumLateralMm);

    public static Grown Grow(CtVolume volume, SpineCenterLine line, int seedSample, BodyRegion region, byte[] claimed, SpineAnalysisOptions options)
    {
        int nx = volume.SizeX, ny = volume.SizeY, nz = volume.SizeZ;
        double hx = line.Spacing[0], hy = line.Spacing[1], hz = line.Spacing[2];
        var voxels = volume.Voxels;
        var grown = new List<int>();
        var maximumLateral = 0.0;
        int? seed = null;
        for (var d = region.WallMm + 2; d <= region.WallMm + 25 && seed is null; d += 0.5)
        {
            var g = line.At(seedSample, d);
            int i = (int)Math.Round(g.X / hx), j = (int)Math.Round(g.Y / hy), k = (int)Math.Round(g.Z / hz);
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
            var index = (k * ny + j) * nx + i;
            if (voxels[index] >= options.BodyMinimumHu && claimed[index] == 0 && region.Contains(new Vec3(i * hx, j * hy, k * hz))) seed = index;
        }
        if (seed is null) return new Grown(grown, 0);

        var visited = new HashSet<int> { seed.Value };
        var queue = new Queue<int>();
        queue.Enqueue(seed.Value);
        while (queue.Count > 0)
        {
            var index = queue.Dequeue();
            grown.Add(index);
            int i = index % nx, j = index / nx % ny, k = index / (nx * ny);
            var lateral = Math.Abs((new Vec3(i * hx, j * hy, k * hz) - region.Origin).Dot(region.Lateral));
            if (lateral > maximumLateral) maximumLateral = lateral;
            void Visit(int ni, int nj, int nk)
            {
                if (ni < 0 || nj < 0 || nk < 0 || ni >= nx || nj >= ny || nk >= nz) return;
                var next = (nk * ny + nj) * nx + ni;
                if (claimed[next] != 0 || voxels[next] < options.BodyMinimumHu || visited.Contains(next)) return;
                if (!region.Contains(new Vec3(ni * hx, nj * hy, nk * hz))) return;
                visited.Add(next);
                queue.Enqueue(next);
            }
            Visit(i - 1, j, k);
            Visit(i + 1, j, k);
            Visit(i, j - 1, k);
            Visit(i, j + 1, k);
            Visit(i, j, k - 1);
            Visit(i, j, k + 1);
        }
        return new Grown(grown, maximumLateral);
    }

    /// <summary>The grown voxels without the blurred fringe: surface voxels below half-way between soft tissue and cortex,
    /// which the low growing threshold (needed for trabecular bone) picks up just outside the cortex.</summary>
    public static IEnumerable<int> PeelFringe(CtVolume volume, List<int> grown, SpineAnalysisOptions options)
    {
        int nx = volume.SizeX, ny = volume.SizeY, nz = volume.SizeZ;
        var set = new HashSet<int>(grown);
        var level = (options.CorticalBoneHu + options.FringeCorticalHu) / 2;
        foreach (var index in grown)
        {
            int i = index % nx, j = index / nx % ny, k = index / (nx * ny);
            var surface = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1
                || !set.Contains(index - 1) || !set.Contains(index + 1) || !set.Contains(index - nx) || !set.Contains(index + nx)
                || !set.Contains(index - nx * ny) || !set.Contains(index + nx * ny);
            if (!surface || volume.Voxels[index] >= level) yield return index;
        }
    }
}
