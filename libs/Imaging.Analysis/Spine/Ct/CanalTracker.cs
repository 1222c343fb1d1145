using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Ct;

/// <summary>Finds the spinal canal plane by plane: low-density regions enclosed by bone (not reachable from the plane's
/// border without crossing bone), of canal size, chained from plane to plane; the longest chain is the canal (a lytic
/// lesion is also an enclosed low region, but only for a few planes).</summary>
internal static class CanalTracker
{
    private readonly record struct Candidate(int K, double X, double Y, double Area);

    internal static List<(int K, double X, double Y, double Area)> CandidatesForDiagnostics(CtVolume volume, int k, SpineAnalysisOptions options) =>
        FindInPlane(volume, k, options, volume.SpacingMm[0] * volume.SpacingMm[1], new int[volume.SizeX * volume.SizeY], new int[volume.SizeX * volume.SizeY])
            .Select(c => (c.K, c.X, c.Y, c.Area)).ToList();

    /// <summary>Canal centre (grid i, j) per plane k; NaN where the canal was not seen.</summary>
    public static (double[] X, double[] Y) Track(CtVolume volume, SpineAnalysisOptions options, CancellationToken cancellationToken)
    {
        int nx = volume.SizeX, ny = volume.SizeY, nz = volume.SizeZ;
        var pixelArea = volume.SpacingMm[0] * volume.SpacingMm[1];
        var perPlane = new List<Candidate>[nz];
        Parallel.For(0, nz, new ParallelOptions { CancellationToken = cancellationToken }, () => (new int[nx * ny], new int[nx * ny]), (k, _, buffers) =>
        {
            perPlane[k] = FindInPlane(volume, k, options, pixelArea, buffers.Item1, buffers.Item2);
            return buffers;
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

    private static List<Candidate> FindInPlane(CtVolume volume, int k, SpineAnalysisOptions options, double pixelArea, int[] region, int[] queue)
    {
        int nx = volume.SizeX, ny = volume.SizeY;
        var plane = volume.Voxels.AsSpan(k * nx * ny, nx * ny);
        var bone = options.CorticalBoneHu;
        Array.Clear(region);
        // 1 = bone, 2 = non-bone reachable from the border, ≥ 3 = enclosed region ids.
        for (var p = 0; p < plane.Length; p++) if (plane[p] >= bone) region[p] = 1;
        var tail = 0;
        void Seed(int p, int id)
        {
            if (region[p] != 0) return;
            region[p] = id;
            queue[tail++] = p;
        }
        for (var i = 0; i < nx; i++)
        {
            Seed(i, 2);
            Seed((ny - 1) * nx + i, 2);
        }
        for (var j = 0; j < ny; j++)
        {
            Seed(j * nx, 2);
            Seed(j * nx + nx - 1, 2);
        }
        Flood(region, queue, 0, ref tail, nx, ny, 2);

        var candidates = new List<Candidate>();
        var id = 3;
        for (var start = 0; start < plane.Length; start++)
        {
            if (region[start] != 0) continue;
            var head = tail = 0;
            region[start] = id;
            queue[tail++] = start;
            Flood(region, queue, head, ref tail, nx, ny, id);
            double sum = 0, sx = 0, sy = 0;
            for (var q = 0; q < tail; q++)
            {
                var p = queue[q];
                sum += plane[p];
                sx += p % nx;
                sy += p / nx;
            }
            var area = tail * pixelArea;
            if (area >= options.CanalMinimumAreaMm2 && area <= options.CanalMaximumAreaMm2 && sum / tail < options.CanalMaximumHu)
                candidates.Add(new Candidate(k, sx / tail, sy / tail, area));
            id++;
        }
        return candidates;
    }

    private static void Flood(int[] region, int[] queue, int head, ref int tail, int nx, int ny, int id)
    {
        while (head < tail)
        {
            var p = queue[head++];
            int i = p % nx, j = p / nx;
            if (i > 0 && region[p - 1] == 0) { region[p - 1] = id; queue[tail++] = p - 1; }
            if (i + 1 < nx && region[p + 1] == 0) { region[p + 1] = id; queue[tail++] = p + 1; }
            if (j > 0 && region[p - nx] == 0) { region[p - nx] = id; queue[tail++] = p - nx; }
            if (j + 1 < ny && region[p + nx] == 0) { region[p + nx] = id; queue[tail++] = p + nx; }
        }
    }
}
