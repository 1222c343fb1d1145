using System.Text.Json;
using Imaging.Cli.Demo;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests.Demo;

/// <summary>The demo's bone-scan pair is one the detector reads exactly: `imaging analyze --prior` on it gives the
/// phantoms' new / persistent / resolved counts (the host test then only has to show the pipeline does the same).</summary>
public sealed class DemoPhantomsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_bone_scan_follow_up_is_counted_as_the_truth_says()
    {
        var (baseline, followUp) = DemoPhantoms.CreateBoneScans(new DemoOptions(), new DateOnly(2026, 11, 28));
        var baselineFile = (await baseline.WriteAsync(Path.Combine(_folder.Path, "baseline")))[0];
        var followUpFile = (await followUp.WriteAsync(Path.Combine(_folder.Path, "follow-up")))[0];

        var result = await CliRunner.RunAsync("analyze", followUpFile, "--prior", baselineFile, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var comparison = json.RootElement.GetProperty("comparison");
        var truth = followUp.GroundTruth.Comparison!;
        Assert.True(truth is { NewCount: > 0, PersistentCount: > 0, ResolvedCount: > 0 }, "the story needs new, persistent and resolved lesions");
        Assert.Equal((truth.NewCount, truth.PersistentCount, truth.ResolvedCount),
            (comparison.GetProperty("newCount").GetInt32(), comparison.GetProperty("persistentCount").GetInt32(), comparison.GetProperty("resolvedCount").GetInt32()));
    }

    [Fact]
    public void Demo_phantoms_belong_to_one_clearly_fake_patient_four_months_apart()
    {
        var options = new DemoOptions();
        var (baseline, followUp) = DemoPhantoms.CreateBoneScans(options, new DateOnly(2026, 11, 28));

        Assert.Equal("DEMO-0001", baseline.GroundTruth.PatientId);
        Assert.Equal("DEMO^BONE^METASTASES", followUp.GroundTruth.PatientName);
        Assert.Equal(DemoPhantoms.IntervalDays, followUp.GroundTruth.Comparison!.DaysAfterBaseline);
        Assert.StartsWith("2026-07-31", baseline.GroundTruth.AcquisitionDateTime, StringComparison.Ordinal);
        // Same options, same UIDs: a rerun of the demo addresses the same studies.
        Assert.Equal(baseline.GroundTruth.StudyInstanceUid, DemoPhantoms.CreateBoneScans(options, new DateOnly(2026, 12, 1)).Baseline.GroundTruth.StudyInstanceUid);
    }
}
