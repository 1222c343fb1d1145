using System.Text.Json;
using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;
using Imaging.Storage;
using Imaging.Worker.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Imaging.Worker.Tests;

/// <summary>A SEG series stored before its images keeps a warning finding only until those images become ready: the worker
/// then analyses the SEG again on its own, once.</summary>
public sealed class SpineSegReplayTests
{
    /// <summary>T10–L2 with a T12 crush fracture; shared with <see cref="SpineSegReopenTests"/> (generated once).</summary>
    internal static readonly Lazy<SpineCtStudy> Study = new(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions
    {
        Seed = 43,
        FirstLevel = "T10",
        LastLevel = "L2",
        Fractures = [new SpineFracture("T12", VertebralFractureType.Crush, 45)],
    }));

    [Fact]
    public async Task Seg_stored_before_its_ct_is_measured_when_the_ct_becomes_ready_without_being_sent_again()
    {
        var study = Study.Value;
        var seg = SpineSegWriter.Build(study);
        var segUid = seg.Dataset.GetString(DicomTags.SeriesInstanceUID)!;
        var studyUid = study.GroundTruth.StudyInstanceUid;
        await using var harness = await WorkerHarness.StartAsync(WithStudyQueries);

        await IndexAllAsync(harness, [seg]);
        await harness.PublishAsync(new SeriesReady(studyUid, segUid, 1, 1, DateTimeOffset.UtcNow));
        await ConsumedAsync(harness, segUid, 1);
        var waiting = Spine(harness, segUid);
        Assert.Equal(1, waiting.ReadyVersion);
        Assert.Equal("seg-referenced-series-missing", Assert.Single(Json(waiting).GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());

        await IndexAllAsync(harness, study.Instances);
        await harness.PublishAsync(new SeriesReady(studyUid, study.GroundTruth.SeriesInstanceUid, 1, study.Instances.Count, DateTimeOffset.UtcNow));
        await ConsumedAsync(harness, segUid, 2);

        var replayed = Spine(harness, segUid);
        Assert.Equal(2, replayed.ReadyVersion);
        var payload = Json(replayed);
        Assert.Equal("seg", payload.GetProperty("method").GetString());
        Assert.Equal(study.GroundTruth.SeriesInstanceUid, payload.GetProperty("sourceSeriesInstanceUid").GetString());
        Assert.DoesNotContain(payload.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "seg-referenced-series-missing");
        Assert.Equal(study.GroundTruth.FlaggedLevels, payload.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        // The CT's own findings are untouched by the replay.
        Assert.Equal("ct-classical", Json(Spine(harness, study.GroundTruth.SeriesInstanceUid)).GetProperty("method").GetString());

        // A redelivered CT message finds no SEG waiting any more: nothing to replay, so no loop.
        var finder = Finder(harness);
        Assert.Empty(await finder.FindAsync(new SeriesReady(studyUid, study.GroundTruth.SeriesInstanceUid, 1, study.Instances.Count, DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [Fact]
    public async Task Redelivered_image_message_replays_a_waiting_seg_with_the_same_ready_version()
    {
        var study = Study.Value;
        var seg = SpineSegWriter.Build(study);
        var segUid = seg.Dataset.GetString(DicomTags.SeriesInstanceUID)!;
        await using var harness = await WorkerHarness.StartAsync(WithStudyQueries);
        await IndexAllAsync(harness, [seg, .. study.Instances.Take(3)]);
        await harness.Store.SaveFindingsAsync(WaitingFinding(study, segUid, readyVersion: 4), CancellationToken.None);
        var ready = new SeriesReady(study.GroundTruth.StudyInstanceUid, study.GroundTruth.SeriesInstanceUid, 1, 3, DateTimeOffset.UtcNow);

        var first = await Finder(harness).FindAsync(ready, CancellationToken.None);
        var second = await Finder(harness).FindAsync(ready, CancellationToken.None);

        var replay = Assert.Single(first);
        Assert.Equal((segUid, 5), (replay.SeriesInstanceUid, replay.ReadyVersion));
        Assert.Equal(first, second);
        // The SEG itself becoming ready replays nothing: only image series unblock SEGs.
        Assert.Empty(await Finder(harness).FindAsync(ready with { SeriesInstanceUid = segUid }, CancellationToken.None));
    }

    [Fact]
    public async Task Waiting_seg_is_left_alone_when_an_image_series_of_another_frame_of_reference_becomes_ready()
    {
        var study = Study.Value;
        var seg = SpineSegWriter.Build(study);
        var segUid = seg.Dataset.GetString(DicomTags.SeriesInstanceUID)!;
        const string otherSeries = "1.2.826.0.1.3680043.8.498.77.1";
        var other = study.Instances.Take(2).Select((f, i) =>
        {
            var copy = DicomFileReader.Read(new MemoryStream(ToBytes(f)));
            copy.Dataset.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, otherSeries);
            copy.Dataset.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, "1.2.826.0.1.3680043.8.498.77.2");
            copy.Dataset.SetString(DicomTag.SopInstanceUid, DicomVR.UI, $"1.2.826.0.1.3680043.8.498.77.3.{i + 1}");
            return copy;
        }).ToList();
        await using var harness = await WorkerHarness.StartAsync(WithStudyQueries);
        await IndexAllAsync(harness, [seg, .. other]);
        await harness.Store.SaveFindingsAsync(WaitingFinding(study, segUid, readyVersion: 1), CancellationToken.None);

        var replays = await Finder(harness).FindAsync(
            new SeriesReady(study.GroundTruth.StudyInstanceUid, otherSeries, 1, 2, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Empty(replays);
    }

    [Fact]
    public async Task Liver_seg_series_gets_metadata_but_no_spine_finding()
    {
        var seg = SpineSegWriter.Build(Study.Value, new SpineSegOptions { UidPurpose = "liver" });
        foreach (var segment in seg.Dataset.GetSequence(DicomTags.SegmentSequence)!.Items)
        {
            segment.SetString(DicomTags.SegmentLabel, DicomVR.LO, "Liver");
            segment.Remove(DicomTags.SegmentDescription);
            foreach (var code in segment.GetSequence(DicomTags.SegmentedPropertyTypeCodeSequence)?.Items ?? [])
                code.SetString(DicomTags.CodeMeaning, DicomVR.LO, "Liver");
        }
        var segUid = seg.Dataset.GetString(DicomTags.SeriesInstanceUID)!;
        await using var harness = await WorkerHarness.StartAsync(WithStudyQueries);
        await IndexAllAsync(harness, [seg]);

        await harness.PublishAsync(new SeriesReady(Study.Value.GroundTruth.StudyInstanceUid, segUid, 1, 1, DateTimeOffset.UtcNow));
        await ConsumedAsync(harness, segUid, 1);

        var analyzers = harness.Store.AllFindings().Where(f => f.SeriesInstanceUid == segUid).Select(f => f.Analyzer).ToList();
        Assert.Contains("metadata", analyzers);
        Assert.DoesNotContain("spine", analyzers);
    }

    private static void WithStudyQueries(IServiceCollection services) =>
        services.AddSingleton<IStudyQueries>(sp => (FakeImagingStore)sp.GetRequiredService<IInstanceIndex>());

    private static SegReplayFinder Finder(WorkerHarness harness) =>
        new(harness.Store, harness.Blobs, harness.Store, NullLogger<SegReplayFinder>.Instance, harness.Store);

    private static FindingsRecord WaitingFinding(SpineCtStudy study, string segUid, int readyVersion) =>
        new(study.GroundTruth.StudyInstanceUid, segUid, "spine", "0.2", readyVersion,
            """{"analyzer":"spine","method":"seg","vertebrae":[],"warnings":[{"code":"seg-referenced-series-missing","message":"not stored yet"}]}""",
            DateTimeOffset.UtcNow);

    private static async Task IndexAllAsync(WorkerHarness harness, IEnumerable<DicomFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(harness.Folder, $"{Guid.NewGuid():N}.dcm");
            await File.WriteAllBytesAsync(path, ToBytes(file));
            await harness.IndexAsync(path);
        }
    }

    private static byte[] ToBytes(DicomFile file)
    {
        using var stream = new MemoryStream();
        DicomFileWriter.Write(stream, file);
        return stream.ToArray();
    }

    /// <summary>Waits for the worker to finish <paramref name="seriesUid"/> at <paramref name="readyVersion"/>; generous,
    /// because a Debug spine analysis on a loaded shared machine can take longer than the harness's per-message timeout.</summary>
    private static async Task ConsumedAsync(WorkerHarness harness, string seriesUid, int readyVersion)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            SeriesReady consumed;
            try
            {
                consumed = await harness.Probe.Consumed.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"SeriesReady {seriesUid} v{readyVersion} not consumed within 3 minutes");
            }
            if (consumed.SeriesInstanceUid == seriesUid && consumed.ReadyVersion == readyVersion) return;
        }
    }

    private static FindingsRecord Spine(WorkerHarness harness, string seriesUid) =>
        Assert.Single(harness.Store.AllFindings(), f => f.SeriesInstanceUid == seriesUid && f.Analyzer == "spine");

    private static JsonElement Json(FindingsRecord record) => JsonDocument.Parse(record.Payload).RootElement;
}
