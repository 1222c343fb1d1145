using Imaging.Phantoms.Anatomy;
using Imaging.Phantoms.Rendering;

namespace Imaging.Phantoms;

/// <summary>Random but reproducible lesion sets for accuracy runs: a region is drawn uniformly from the eleven, then a
/// bone of that region, then a point well inside that bone; points near the bladder, the kidneys, the injection site
/// or another lesion are drawn again, so every lesion is countable in principle.</summary>
public static class LesionSampler
{
    /// <summary>Minimum distance from the bladder centre, in mm (its anterior glare hides the sacrum and pubis).</summary>
    private const double BladderClearanceMm = 95;

    /// <summary><paramref name="count"/> lesions "R1".."Rn", all of one size and contrast, visible in both views.</summary>
    public static IReadOnlyList<PhantomLesion> Sample(long seed, int count, double fwhmMm = 20, double contrast = 3, double minimumSeparationMm = 50,
        double patientHeightMm = 1750)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 60);
        var model = new BodyModel(patientHeightMm);
        var random = new PhantomRandom(seed, 3);
        var regions = Enum.GetValues<SkeletalRegion>();
        var byRegion = regions.ToDictionary(r => r, r => model.Bones.Where(b => b.Region == r).ToArray());
        model.TryGetSite("right-elbow", out var injection, out _);
        var bladder = ((Ellipse)model.Bladder.Shape).Centre;
        var kidneys = new[] { model.LeftKidney, model.RightKidney };
        var chosen = new List<BodyPoint>();
        var lesions = new List<PhantomLesion>();
        var attempts = 0;
        while (lesions.Count < count)
        {
            if (++attempts > 20_000) throw new InvalidOperationException($"Could not place {count} lesions {minimumSeparationMm} mm apart; ask for fewer or allow closer ones.");
            var region = regions[(int)(random.NextDouble() * regions.Length)];
            var bones = byRegion[region];
            var bone = bones[(int)(random.NextDouble() * bones.Length)];
            var (minX, minY, maxX, maxY) = bone.Shape.Bounds;
            var point = new BodyPoint(minX + random.NextDouble() * (maxX - minX), minY + random.NextDouble() * (maxY - minY));
            if (bone.Shape.Profile(point.X, point.Y) < 0.6) continue;
            if (Distance(point, bladder) < BladderClearanceMm * model.Scale) continue;
            if (kidneys.Any(k => k.Shape.Profile(point.X, point.Y) > 0 || k.Shape.Distance(point.X, point.Y) < 20 * model.Scale)) continue;
            if (Distance(point, injection) < 60 * model.Scale) continue;
            if (chosen.Any(c => Distance(c, point) < minimumSeparationMm)) continue;
            chosen.Add(point);
            lesions.Add(new PhantomLesion($"R{lesions.Count + 1}", LesionPlacement.AtBodyPoint(Math.Round(point.X, 1), Math.Round(point.Y, 1)), fwhmMm, contrast));
        }
        return lesions;
    }

    private static double Distance(BodyPoint a, BodyPoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
