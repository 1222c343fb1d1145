using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>The comparison on phantom follow-up pairs (1.5 M counts; lesions added, removed, shifted ≤ 15 mm, re-contrasted;
/// patient shifted and scaled), aligned by the anchors the analyzer finds on the images.</summary>
public sealed class BoneScanComparerPhantomTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    public async Task Classifies_new_persistent_and_resolved_exactly_as_the_phantom_truth(long seed)
    {
        var (baseline, followUp) = FollowUpPairs.Make(seed);
        var prior = FollowUpPairs.WithTruthLesions(await PhantomAnalysis.AnalyzeAsync(baseline), baseline.GroundTruth, "P", seed);
        var current = FollowUpPairs.WithTruthLesions(await PhantomAnalysis.AnalyzeAsync(followUp), followUp.GroundTruth, "C", seed + 1);

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        var truth = followUp.GroundTruth;
        output.WriteLine($"alignment {comparison.Alignment.Method}, scale {comparison.Alignment.VerticalScale} (truth {truth.Comparison!.PatientScale:0.####}), " +
            $"anchor residual {comparison.Alignment.AnchorResidualMm} mm; match distances {string.Join(", ", comparison.Lesions.Where(l => l.DistanceMm is not null).Select(l => l.DistanceMm))}");
        Assert.Equal("anchors", comparison.Alignment.Method);
        Assert.Equal(truth.Comparison.NewCount, comparison.NewCount);
        Assert.Equal(truth.Comparison.PersistentCount, comparison.PersistentCount);
        Assert.Equal(truth.Comparison.ResolvedCount, comparison.ResolvedCount);
        foreach (var lesion in truth.Lesions)
        {
            var row = Assert.Single(comparison.Lesions, r => r.Id == FollowUpPairs.IdOf(truth, lesion.Id, "C"));
            Assert.Equal(lesion.Status, row.Status == LesionChange.New ? "new" : "persistent");
            if (lesion.BaselineId is { } baselineId) Assert.Equal(FollowUpPairs.IdOf(baseline.GroundTruth, baselineId, "P"), row.PriorId);
        }
        Assert.Equal(
            truth.Comparison.Resolved.Select(r => FollowUpPairs.IdOf(baseline.GroundTruth, r.Id, "P")).Order(),
            comparison.Lesions.Where(r => r.Status == LesionChange.Resolved).Select(r => r.PriorId!).Order());
    }

    [Fact]
    public async Task Analyzer_findings_compare_the_same_after_a_json_round_trip_and_persistent_lesions_keep_their_tracking_uid()
    {
        var (baseline, followUp) = FollowUpPairs.Make(31);
        var prior = await PhantomAnalysis.AnalyzeAsync(baseline);
        var current = await PhantomAnalysis.AnalyzeAsync(followUp);
        Assert.All(prior.Lesions.Concat(current.Lesions), l => Assert.StartsWith("2.25.", l.TrackingUid));
        Assert.Equal(baseline.Options.AcquisitionDateTime.Date, prior.SeriesDate!.Value.ToDateTime(TimeOnly.MinValue));

        var direct = BoneScanComparer.Compare(prior, current);
        var storedPrior = BoneScanPriorSelector.TryParse(JsonSerializer.Serialize(prior, BoneScanJsonContext.Default.BoneScanFindings))!;
        var storedCurrent = BoneScanPriorSelector.TryParse(JsonSerializer.Serialize(current, BoneScanJsonContext.Default.BoneScanFindings))!;
        var fromJson = BoneScanComparer.Compare(storedPrior, storedCurrent);

        Assert.Equal(JsonSerializer.Serialize(direct, BoneScanJsonContext.Default.BoneScanFindings),
            JsonSerializer.Serialize(fromJson, BoneScanJsonContext.Default.BoneScanFindings));
        var comparison = fromJson.Comparison!;
        Assert.True(comparison.PersistentCount > 0);
        foreach (var row in comparison.Lesions)
        {
            var priorUid = row.PriorId is null ? null : prior.Lesions.Single(l => l.Id == row.PriorId).TrackingUid;
            switch (row.Status)
            {
                case LesionChange.Persistent:
                    Assert.Equal(priorUid, row.TrackingUid);
                    Assert.Equal(priorUid, fromJson.Lesions.Single(l => l.Id == row.Id).TrackingUid);
                    break;
                case LesionChange.New:
                    Assert.Equal(current.Lesions.Single(l => l.Id == row.Id).TrackingUid, row.TrackingUid);
                    Assert.DoesNotContain(prior.Lesions, l => l.TrackingUid == row.TrackingUid);
                    break;
                default:
                    Assert.Equal(priorUid, row.TrackingUid);
                    break;
            }
        }
        Assert.Equal(fromJson.Lesions.Count, fromJson.Lesions.Select(l => l.TrackingUid).Distinct().Count());
        Assert.Equal(followUp.GroundTruth.Comparison!.DaysAfterBaseline, comparison.IntervalDays);
        Assert.Equal(prior.StudyInstanceUid, comparison.PriorStudyInstanceUid);
    }
}
