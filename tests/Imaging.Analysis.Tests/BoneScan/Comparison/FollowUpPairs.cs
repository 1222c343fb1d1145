using Imaging.Analysis.BoneScan;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;
using PhantomStudy = Imaging.Phantoms.BoneScanStudy;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>Seeded baseline / follow-up phantom pairs at 1.5 M counts with lesions removed, added, shifted (≤ 15 mm) and
/// re-contrasted, the patient shifted and scaled; and findings that carry the analyzer's anchors with the truth's lesions.</summary>
internal static class FollowUpPairs
{
    public static (PhantomStudy Baseline, PhantomStudy FollowUp) Make(long seed)
    {
        var random = new Random((int)seed);
        // 50 mm apart: an added lesion never lands within the match distance of a removed one.
        var sampled = LesionSampler.Sample(seed, 10, fwhmMm: 20, contrast: 3, minimumSeparationMm: 50);
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = seed, CountsPerView = 1_500_000, Lesions = [.. sampled.Take(7)] });
        double Shift() => (random.NextDouble() * 2 - 1) * 10;
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = seed % 2 == 0 ? ["R1", "R4"] : ["R2"],
            Added = [.. sampled.Skip(7).Take(seed % 2 == 0 ? 2 : 3)],
            // At most 10 mm on each axis, 14 mm in all: inside the "shifted" follow-ups (≤ 15 mm).
            Shifted = new Dictionary<string, (double, double)> { ["R3"] = (Shift(), Shift()), ["R5"] = (Shift(), Shift()) },
            NewContrast = new Dictionary<string, double> { ["R6"] = 4.5, ["R7"] = 2.2 },
            PatientShiftXPixels = random.Next(-5, 6),
            PatientShiftYPixels = random.Next(-10, 11),
            PatientScale = 0.97 + random.NextDouble() * 0.06,
            DaysLater = 90 + random.Next(0, 60),
        });
        return (baseline, followUp);
    }

    /// <summary><paramref name="analysed"/> (its anchors, QC, dates) with the truth's lesions in place of the detected ones,
    /// ids renamed so matching cannot lean on them, and positions jittered by up to a pixel as detection would.</summary>
    public static BoneScanFindings WithTruthLesions(BoneScanFindings analysed, BoneScanGroundTruth truth, string idPrefix, long seed)
    {
        var random = new Random((int)seed);
        var lesions = truth.Lesions.Select((t, i) => new BoneScanLesion(
            $"{idPrefix}{i + 1}", Region(t.Region), [BoneScanView.Anterior, BoneScanView.Posterior],
            (int)Math.Round(t.X) + random.Next(-1, 2), (int)Math.Round(t.Y) + random.Next(-1, 2),
            Math.Round(t.PeakRatioAnterior ?? t.PeakRatioPosterior ?? t.Contrast, 3), Math.Round(Math.PI / 4 * t.FwhmMm * t.FwhmMm, 1))).ToList();
        return analysed with { Lesions = lesions, LesionCount = lesions.Count, RegionCounts = RegionCounts.Of(lesions) };
    }

    /// <summary>The id <see cref="WithTruthLesions"/> gave truth lesion <paramref name="truthId"/>.</summary>
    public static string IdOf(BoneScanGroundTruth truth, string truthId, string idPrefix) =>
        idPrefix + (truth.Lesions.Select(l => l.Id).ToList().IndexOf(truthId) + 1);

    public static SkeletalRegion Region(string name) => Enum.Parse<SkeletalRegion>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
}
