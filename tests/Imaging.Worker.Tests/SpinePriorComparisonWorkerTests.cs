using System.Text.Json;
using Imaging.Phantoms.Spine;
using Imaging.Worker.Tests.BoneScan;

namespace Imaging.Worker.Tests;

/// <summary>The worker compares a patient's spine CT with the prior one it analysed before (real SQLite index and findings
/// store, the analyzer as AddImagingWorker registers it): the follow-up's stored findings carry the comparison and the
/// prior's tracking UIDs.</summary>
public sealed class SpinePriorComparisonWorkerTests
{
    [Fact]
    public async Task The_second_spine_ct_of_a_patient_is_stored_with_its_comparison_and_inherited_tracking_uids()
    {
        var baseline = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 23,
            FirstLevel = "T8",
            PatientId = "SPINE-WORKER-PRIOR",
            AcquisitionDateTime = new DateTime(2026, 2, 1, 8, 0, 0),
        });
        var followUp = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 24,
            UidSalt = "spine-worker-prior/follow-up",
            FirstLevel = "T8",
            PatientId = "SPINE-WORKER-PRIOR",
            AcquisitionDateTime = new DateTime(2026, 3, 3, 8, 0, 0),
            Fractures = [new SpineFracture("T11", VertebralFractureType.Crush, 45)],
        });
        await using var worker = await SqliteWorker.StartAsync();

        var first = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(baseline.Instances, "spine")).RootElement;
        var second = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(followUp.Instances, "spine")).RootElement;

        Assert.Equal(JsonValueKind.Null, first.GetProperty("comparison").ValueKind);
        var comparison = second.GetProperty("comparison");
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, comparison.GetProperty("priorStudyInstanceUid").GetString());
        Assert.Equal(baseline.GroundTruth.SeriesInstanceUid, comparison.GetProperty("priorSeriesInstanceUid").GetString());
        Assert.Equal(30, comparison.GetProperty("intervalDays").GetInt32());
        Assert.Equal(["T11"], comparison.GetProperty("newFractureLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        var priorUids = first.GetProperty("vertebrae").EnumerateArray().ToDictionary(v => v.GetProperty("level").GetString()!, v => v.GetProperty("trackingUid").GetString());
        var levels = second.GetProperty("vertebrae").EnumerateArray().ToList();
        Assert.NotEmpty(levels);
        foreach (var level in levels)
            Assert.Equal(priorUids[level.GetProperty("level").GetString()!], level.GetProperty("trackingUid").GetString());
    }
}
