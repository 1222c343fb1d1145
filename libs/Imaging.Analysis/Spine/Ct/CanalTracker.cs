using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Finds the spinal canal plane by plane: low-density regions enclosed by bone (not reachable from the plane's
/// border without crossing bone), of canal size, chained from plane to plane; the longest chain is the canal (a lytic
/// lesion is also an enclosed low region, but only for a few planes).</summary>
internal static class CanalTracker
{
    private readonly record struct Candidate(int K, double X, double Y, double Area);

    internal static List<(int K, double X, double Y, double Area)> CandidatesForDiagnostics(CtVolume volume, int k, SpineAnalysisOptions options) =>
        FindInPlane(volume, k, options, volume.SpacingMm[0] * volume.SpacingMm[1], new EnclosedRegions())
            .Select(c => (c.K, c.X, c.Y, c.Area)).ToList();

    /// <summary>Canal centre (grid i, j) per plane k; NaN where the canal was not seen.</summary>
    public static (double[] X, double[] Y) Track(CtVolume volume, SpineAnalysisOptions options, CancellationToken cancellationToken)
    {
        var nz = volume.SizeZ;
        var pixelArea = volume.SpacingMm[0] * volume.SpacingMm[1];
        var perPlane = new List<Candidate>[nz];
        Parallel.For(0, nz, new ParallelOptions { CancellationToken = cancellationToken }, () => new EnclosedRegions(), (k, _, regions) =>
        {
            perPlane[k] = FindInPlane(volume, k, options, pixelArea, regions);
            return regions;
        }, _ => { });

        // Longest chain: a candidate continues one within a few planes whose centre moved little.
        var all = new List<Candidate>();
        var firstIndex = new int[nz + 1];
        for (var k = 0; k < nz; k++)
        {
            firstIndex[k] = all.Count;
            all.AddRange(perPlane[k]);
        }
        firstIndex[nz] = all.Count;
        var score = new double[all.Count];
        var previous = new int[all.Count];
        var step = volume.SpacingMm[2];
        for (var c = 0; c < all.Count; c++)
        {
            score[c] = 1;
            previous[c] = -1;
            var candidate = all[c];
            var maximumBack = Math.Max(1, (int)Math.Round(30 / step));
            for (var back = 1; back <= maximumBack && candidate.K - back >= 0; back++)
            {
                for (var p = firstIndex[candidate.K - back]; p < firstIndex[candidate.K - back + 1]; p++)
                {
                    var dx = (all[p].X - candidate.X) * volume.SpacingMm[0];
                    var dy = (all[p].Y - candidate.Y) * volume.SpacingMm[1];
                    if (Math.Sqrt(dx * dx + dy * dy) > 3 + 0.6 * back * step) continue;
                    if (score[p] + 1 > score[c])
                    {
                        score[c] = score[p] + 1;
                        previous[c] = p;
                    }
                }
            }
        }
        var x = new double[nz];
        var y = new double[nz];
        Array.Fill(x, double.NaN);
        Array.Fill(y, double.NaN);
        if (all.Count == 0) return (x, y);
        var best = 0;
        for (var c = 1; c < all.Count; c++) if (score[c] > score[best]) best = c;
        for (var c = best; c >= 0; c = previous[c])
        {
            x[all[c].K] = all[c].X;
            y[all[c].K] = all[c].Y;
        }
        return (x, y);
    }

    private static List<Candidate> FindInPlane(CtVolume volume, int k, SpineAnalysisOptions options, double pixelArea, EnclosedRegions regions)
    {
        int nx = volume.SizeX, ny = volume.SizeY;
        var plane = volume.Voxels.AsSpan(k * nx * ny, nx * ny);
        var candidates = new List<Candidate>();
        foreach (var region in regions.Find(plane, nx, ny, options.CorticalBoneHu))
        {
            var area = region.Pixels * pixelArea;
            if (area >= options.CanalMinimumAreaMm2 && area <= options.CanalMaximumAreaMm2 && region.SumValues / region.Pixels < options.CanalMaximumHu)
                candidates.Add(new Candidate(k, region.SumI / region.Pixels, region.SumJ / region.Pixels, area));
        }
        return candidates;
    }
}
