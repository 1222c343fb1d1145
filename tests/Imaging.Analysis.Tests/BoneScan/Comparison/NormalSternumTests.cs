using Imaging.Analysis.BoneScan;
using Imaging.Phantoms;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>The priors end-to-end pair (seed 7): analyzer 0.4 reported a "sternum" lesion at (127, 164) on its baseline
/// where nothing is drawn (the normal manubrium, 2.88× normal bone, admitted by the midline column test).</summary>
public sealed class NormalSternumTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Normal_sternum_of_the_priors_pair_is_not_reported_and_every_detection_is_a_drawn_lesion(bool followUp)
    {
        var random = new Random(7);
        var sampled = LesionSampler.Sample(7, 9, fwhmMm: 20, contrast: 3, minimumSeparationMm: 60)
            .Select(l => l with { FwhmMm = Math.Round(20 + random.NextDouble() * 10, 1), Contrast = Math.Round(3 + random.NextDouble(), 2) })
            .ToList();
        var first = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 7, CountsPerView = 1_500_000, Lesions = [.. sampled.Take(7)], PatientId = "PRIORS-E2E-7",
        });
        // The follow-up as the end-to-end test makes it; it never showed the false positive and must stay clean.
        var baseline = followUp
            ? BoneScanPhantom.FollowUp(first, new FollowUpChanges
            {
                Removed = ["R2", "R5"],
                Added = [.. sampled.Skip(7).Take(2)],
                Shifted = new Dictionary<string, (double, double)> { ["R3"] = (4, -6) },
                PatientShiftXPixels = 3,
                PatientShiftYPixels = -6,
                PatientScale = 1.02,
                DaysLater = 120,
            })
            : first;

        var findings = await PhantomAnalysis.AnalyzeAsync(baseline);
        var truth = PhantomAnalysis.TruthOf(findings, baseline.GroundTruth);
        foreach (var lesion in findings.Lesions)
            output.WriteLine($"{lesion.Id} {lesion.Region} ({lesion.X}, {lesion.Y}) ratio {lesion.PeakRatio} area {lesion.AreaMm2}: {truth[lesion.Id]?.Id ?? "no drawn lesion"}");
        foreach (var drawn in baseline.GroundTruth.Lesions)
            output.WriteLine($"drawn {drawn.Id} {drawn.Region} ({drawn.X}, {drawn.Y}) {drawn.FwhmMm} mm {drawn.Contrast}×");

        var drawnInSternum = baseline.GroundTruth.Lesions.Any(l => l.Region == "sternum");
        if (!drawnInSternum) Assert.DoesNotContain(findings.Lesions, l => l.Region == SkeletalRegion.Sternum);
        Assert.All(findings.Lesions, l => Assert.True(truth[l.Id] is not null, $"{l.Id} {l.Region} ({l.X}, {l.Y}) has no drawn lesion within {PhantomAnalysis.TruthMatchMm} mm"));
        Assert.Equal(baseline.GroundTruth.Lesions.Count, truth.Values.Count(t => t is not null));
    }
}
