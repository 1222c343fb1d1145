using Imaging.Analysis.BoneScan;
using Imaging.Phantoms.Truth;

namespace Imaging.Analysis.Tests.BoneScan.Accuracy;

/// <summary>The scoring rule itself: match within max(15 mm, FWHM), one to one, closest first; the rest are false
/// positives, those inside a hot structure's extent also "structure counted".</summary>
public sealed class BoneScanScorerTests
{
    private static readonly BoneScanGroundTruth Truth = new()
    {
        Seed = 1, Tracer = "Tc-99m", EnergyKeV = 140, PatientId = "P", PatientName = "N", StudyInstanceUid = "1.2", AcquisitionDateTime = "2026-01-01T00:00:00",
        Columns = 256, Rows = 1024, PixelSpacingMm = 2.0, SystemFwhmMm = 9, RequestedCountsPerView = 1, CountsAnterior = 1, CountsPosterior = 1,
        Frames = [],
        Anchors = new AnchorsTruth(new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), new(0, 0), []),
        Lesions =
        [
            new LesionTruth("A", "ribs", "rib", 100, 100, 155, 20, 3, ["anterior", "posterior"], 2, 2),
            new LesionTruth("B", "skull", "skull", 100, 112, 155, 10, 3, ["anterior", "posterior"], 2, 2),
        ],
        HotStructures = [new HotStructureTruth("bladder", "bladder", 128, 500, 96, ["anterior", "posterior"])],
    };

    private static BoneScanFindings Findings(params (int X, int Y)[] at) => new()
    {
        AnalyzerVersion = "test", Status = TracerStatus.Analysed, Qc = new BoneScanQc(),
        Lesions = at.Select((p, i) => new BoneScanLesion($"L{i + 1}", SkeletalRegion.Ribs, [BoneScanView.Anterior], p.X, p.Y, 2, 100)).ToList(),
    };

    [Fact]
    public void Detection_within_the_lesion_fwhm_matches_and_one_detection_matches_one_lesion()
    {
        // (100, 109) is 6 mm from B and 18 mm from A (A allows 20 mm, its FWHM); (100, 104) is 8 mm from A and 16 mm from B (B allows 15).
        var score = BoneScanScorer.Score(Findings((100, 109), (100, 104)), Truth);

        Assert.Equal(["A", "B"], score.Found.Select(f => f.Id).Order());
        Assert.Empty(score.FalsePositives);
    }

    [Fact]
    public void Detection_beyond_the_limit_is_a_false_positive_and_inside_the_bladder_a_structure_counted()
    {
        var score = BoneScanScorer.Score(Findings((100, 130), (128, 520)), Truth);

        Assert.Equal(2, score.Missed.Count);
        Assert.Equal(2, score.FalsePositives.Count);
        Assert.Equal("bladder", Assert.Single(score.StructuresCounted).Structure.Kind);
        Assert.Equal(1, score.NonSkeletalCounted);
    }

    [Fact]
    public void Imaged_peak_ratio_breakdown_uses_the_better_view_a_lesion_is_seen_in()
    {
        var lesions = new[]
        {
            new LesionTruth("A", "ribs", "rib", 100, 100, 155, 20, 2, ["anterior", "posterior"], 1.4, 2.1),
            new LesionTruth("B", "sternum", "sternum", 100, 200, 155, 20, 2, ["anterior"], 1.7, null),
            new LesionTruth("C", "skull", "skull", 100, 300, 155, 20, 2, ["posterior"], null, 2.5),
        };
        var totals = new AccuracyTotals();
        totals.Add(new BoneScanScore([lesions[0], lesions[1]], [lesions[2]], [], []));

        Assert.Equal(2.1, AccuracyTotals.ImagedPeakRatio(lesions[0]));
        Assert.Equal((1, 2), totals.InImagedRange(2, double.PositiveInfinity));
        Assert.Equal((1, 1), totals.InImagedRange(0, 2));
    }
}
