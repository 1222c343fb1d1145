using System.Text.Json;
using Imaging.Phantoms.Spine;
using Imaging.Worker.Tests.BoneScan;

namespace Imaging.Worker.Tests;

/// <summary>The worker runs the spine analyzer on CT spine series and keeps its findings beside the metadata.</summary>
public sealed class SpineWorkerTests
{
    [Fact]
    public async Task Ct_spine_series_gets_spine_findings_with_the_fractured_level_flagged()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 21,
            FirstLevel = "T8",
            Fractures = [new SpineFracture("T11", VertebralFractureType.Crush, 45)],
        });
        await using var worker = await SqliteWorker.StartAsync();

        var payload = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(study.Instances, "spine")).RootElement;

        Assert.Equal("spine", payload.GetProperty("analyzer").GetString());
        Assert.Equal(["T11"], payload.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
    }
}
