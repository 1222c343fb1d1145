using Imaging.Analysis.BoneScan;
using Imaging.Phantoms.Truth;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>One analysed phantom scored against its ground truth (see <see cref="BoneScanScorer"/> for the rule).</summary>
public sealed record BoneScanScore(
    IReadOnlyList<LesionTruth> Found,
    IReadOnlyList<LesionTruth> Missed,
    IReadOnlyList<BoneScanLesion> FalsePositives,
    IReadOnlyList<(BoneScanLesion Lesion, HotStructureTruth Structure)> StructuresCounted)
{
    /// <summary>Degenerative joints counted as lesions (a subset of <see cref="FalsePositives"/>).</summary>
    public int DegenerativeCounted => StructuresCounted.Count(s => s.Structure.Kind == "degenerative-joint");

    /// <summary>Bladder, kidney, injection-site or extravasation activity counted (a subset of <see cref="FalsePositives"/>).</summary>
    public int NonSkeletalCounted => StructuresCounted.Count(s => s.Structure.Kind != "degenerative-joint");

    /// <summary>A one-line account for test output.</summary>
    public string Describe() =>
        $"found {Found.Count}/{Found.Count + Missed.Count}, FP {FalsePositives.Count}" +
        (Missed.Count > 0 ? "; missed " + string.Join(", ", Missed.Select(m => $"{m.Id} {m.Region} ({m.X:0},{m.Y:0}) {m.FwhmMm}mm×{m.Contrast} {string.Join('+', m.Views)} seen {m.PeakRatioAnterior:0.00}/{m.PeakRatioPosterior:0.00}")) : "") +
        (FalsePositives.Count > 0 ? "; FP " + string.Join(", ", FalsePositives.Select(f => $"{f.Region} ({f.X},{f.Y}) r{f.PeakRatio} {f.AreaMm2}mm² {string.Join('+', f.Views)}" +
            (StructuresCounted.FirstOrDefault(s => s.Lesion == f).Structure is { } st ? $" [{st.Kind}]" : ""))) : "");
}

/// <summary>Scores bone-scan findings against phantom ground truth.
/// Rule: a detected lesion matches a truth lesion when their anterior-frame positions are at most
/// max(15 mm, the truth lesion's FWHM) apart; pairs are taken closest first, one to one. A detection matching no truth
/// lesion is a false positive. A false positive within the extent of a hot structure is also "structure counted":
/// organs (bladder, kidneys) extend half their long axis + 10 mm (the system blur), spots (injection site,
/// extravasation, degenerative joints) max(15 mm, their FWHM).</summary>
public static class BoneScanScorer
{
    public static BoneScanScore Score(BoneScanFindings findings, BoneScanGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(truth);
        var spacing = truth.PixelSpacingMm;
        var detected = findings.Lesions;
        var pairs = new List<(double Distance, int Truth, int Detected)>();
        for (var t = 0; t < truth.Lesions.Count; t++)
        {
            var lesion = truth.Lesions[t];
            var limit = Math.Max(15, lesion.FwhmMm);
            for (var d = 0; d < detected.Count; d++)
            {
                var distance = Distance(lesion.X, lesion.Y, detected[d].X, detected[d].Y) * spacing;
                if (distance <= limit) pairs.Add((distance, t, d));
            }
        }
        pairs.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        var truthUsed = new bool[truth.Lesions.Count];
        var detectedUsed = new bool[detected.Count];
        foreach (var (_, t, d) in pairs)
        {
            if (truthUsed[t] || detectedUsed[d]) continue;
            truthUsed[t] = detectedUsed[d] = true;
        }
        var found = new List<LesionTruth>();
        var missed = new List<LesionTruth>();
        for (var t = 0; t < truth.Lesions.Count; t++) (truthUsed[t] ? found : missed).Add(truth.Lesions[t]);
        var falsePositives = new List<BoneScanLesion>();
        var structures = new List<(BoneScanLesion, HotStructureTruth)>();
        for (var d = 0; d < detected.Count; d++)
        {
            if (detectedUsed[d]) continue;
            var lesion = detected[d];
            falsePositives.Add(lesion);
            if (StructureAt(truth, lesion.X, lesion.Y) is { } structure) structures.Add((lesion, structure));
        }
        return new BoneScanScore(found, missed, falsePositives, structures);
    }

    /// <summary>The hot structure whose extent holds the anterior-frame pixel (<paramref name="x"/>, <paramref name="y"/>), if any.</summary>
    public static HotStructureTruth? StructureAt(BoneScanGroundTruth truth, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(truth);
        HotStructureTruth? best = null;
        var bestDistance = double.MaxValue;
        foreach (var structure in truth.HotStructures)
        {
            var distance = Distance(structure.X, structure.Y, x, y) * truth.PixelSpacingMm;
            if (distance <= ExtentMm(structure) && distance < bestDistance) (best, bestDistance) = (structure, distance);
        }
        return best;
    }

    /// <summary>How far from its centre a structure's activity reaches, in mm.</summary>
    public static double ExtentMm(HotStructureTruth structure) => structure.Kind is "bladder" or "kidney"
        ? structure.SizeMm / 2 + 10
        : Math.Max(15, structure.SizeMm);

    private static double Distance(double x1, double y1, double x2, double y2) => Math.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));
}
