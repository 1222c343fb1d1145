using System.Text.Json;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;
using Imaging.Worker.Tests.BoneScan;

namespace Imaging.Worker.Tests;

/// <summary>A SEG series arriving at the worker is measured on the stored image series it segments; before those images
/// are stored it gets a warning finding instead.</summary>
public sealed class SpineSegWorkerTests
{
    private static readonly Lazy<SpineCtStudy> Study = new(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions
    {
        Seed = 41,
        FirstLevel = "T10",
        LastLevel = "L2",
        Fractures = [new SpineFracture("T12", VertebralFractureType.Crush, 45)],
    }));

    [Fact]
    public async Task Seg_after_its_ct_series_gets_findings_with_method_seg_on_the_ct()
    {
        var study = Study.Value;
        await using var worker = await SqliteWorker.StartAsync();
        var ct = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync(study.Instances, "spine")).RootElement;
        Assert.Equal("ct-classical", ct.GetProperty("method").GetString());

        var seg = SpineSegWriter.Build(study);
        var payload = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync([seg], "spine")).RootElement;

        Assert.Equal("seg", payload.GetProperty("method").GetString());
        Assert.Equal("CT", payload.GetProperty("modality").GetString());
        Assert.Equal(seg.Dataset.GetString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID), payload.GetProperty("seriesInstanceUid").GetString());
        Assert.Equal(study.GroundTruth.SeriesInstanceUid, payload.GetProperty("sourceSeriesInstanceUid").GetString());
        Assert.Equal(["T12"], payload.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.Contains("L1", payload.GetProperty("vertebrae").EnumerateArray().Select(v => v.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task Seg_arriving_before_its_images_gets_a_warning_finding()
    {
        var seg = SpineSegWriter.Build(Study.Value);
        await using var worker = await SqliteWorker.StartAsync();

        var payload = JsonDocument.Parse(await worker.IngestAndAnalyzeAsync([seg], "spine")).RootElement;

        Assert.Equal("seg", payload.GetProperty("method").GetString());
        Assert.Empty(payload.GetProperty("vertebrae").EnumerateArray());
        var warning = Assert.Single(payload.GetProperty("warnings").EnumerateArray());
        Assert.Equal("seg-referenced-series-missing", warning.GetProperty("code").GetString());
        Assert.Contains(Study.Value.GroundTruth.SeriesInstanceUid, warning.GetProperty("message").GetString());
    }
}
