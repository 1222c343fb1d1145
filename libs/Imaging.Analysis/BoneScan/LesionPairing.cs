namespace Imaging.Analysis.BoneScan;

/// <summary>Merges the blobs of the two views into unique foci: closest pairs first, within
/// <see cref="BoneScanOptions.PairingDistanceMm"/>, so one lesion seen front and back counts once.</summary>
internal static class LesionPairing
{
    public static List<PairedFocus> Pair(IReadOnlyList<BlobCandidate> anterior, IReadOnlyList<BlobCandidate> posterior,
        float[]? anteriorSmoothed, float[]? posteriorSmoothed, int width, int height, double spacingMm, BoneScanOptions options)
    {
        var pairs = new List<(double Distance, int A, int P)>();
        for (var a = 0; a < anterior.Count; a++)
        {
            for (var p = 0; p < posterior.Count; p++)
            {
                var distance = Math.Sqrt(Math.Pow(anterior[a].X - posterior[p].X, 2) + Math.Pow(anterior[a].Y - posterior[p].Y, 2)) * spacingMm;
                if (distance <= options.PairingDistanceMm) pairs.Add((distance, a, p));
            }
        }
        pairs.Sort((l, r) => l.Distance.CompareTo(r.Distance));
        var usedA = new bool[anterior.Count];
        var usedP = new bool[posterior.Count];
        var foci = new List<PairedFocus>();
        foreach (var (_, a, p) in pairs)
        {
            if (usedA[a] || usedP[p]) continue;
            usedA[a] = usedP[p] = true;
            foci.Add(Focus(anterior[a], posterior[p]));
        }
        for (var a = 0; a < anterior.Count; a++) if (!usedA[a]) foci.Add(Focus(anterior[a], null));
        for (var p = 0; p < posterior.Count; p++) if (!usedP[p]) foci.Add(Focus(null, posterior[p]));
        foci.Sort((l, r) => l.Y != r.Y ? l.Y.CompareTo(r.Y) : l.X.CompareTo(r.X));
        return foci;

        PairedFocus Focus(BlobCandidate? a, BlobCandidate? p)
        {
            var x = (a ?? p)!.X;
            var y = (a ?? p)!.Y;
            return new PairedFocus(a, p, Level(anteriorSmoothed, x, y), Level(posteriorSmoothed, x, y));
        }

        double Level(float[]? image, int x, int y)
        {
            if (image is null) return 0;
            double best = 0;
            for (var yy = Math.Max(0, y - 2); yy <= Math.Min(height - 1, y + 2); yy++)
                for (var xx = Math.Max(0, x - 2); xx <= Math.Min(width - 1, x + 2); xx++)
                    best = Math.Max(best, image[yy * width + xx]);
            return best;
        }
    }
}
