using System.Text.Json;
using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine;
using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Storage;
using Imaging.Worker.Results;
using Imaging.Worker.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Tests.Results;

/// <summary>The results sender with spine findings: the analysed CT series' SR, sagittal key image and key object
/// selection reach a storescp destination.</summary>
public sealed class SpineResultsTests
{
    private static readonly DateTimeOffset ProducedAt = new(2026, 6, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Spine_findings_send_a_3d_report_a_key_image_and_key_objects_to_storescp()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 41,
            FirstLevel = "T12",
            LastLevel = "S1",
            PatientId = "SP-41",
            Fractures = [new SpineFracture("L2", VertebralFractureType.Crush, 45)],
        });
        await using var destination = await StorescpPeer.StartAsync();
        using var folder = new TempFolder();
        var (publisher, message) = await PublisherAsync(study, folder, destination.Port);

        var outcome = await publisher.PublishAsync(message, CancellationToken.None);

        Assert.Equal(ResultsDeliveryStatus.Sent, outcome.Status);
        var received = destination.ReceivedFiles();
        Assert.Equal(3, received.Count);
        var byClass = received.ToDictionary(f => DicomFileReader.Read(f).Dataset.GetSingleString(DicomTag.SopClassUid)!);
        Assert.Equal(new[] { DicomUids.Comprehensive3DSRStorage.Uid, DicomUids.KeyObjectSelectionDocumentStorage.Uid, DicomUids.SecondaryCaptureImageStorage.Uid }.Order(),
            byClass.Keys.Order());
        var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", byClass[DicomUids.Comprehensive3DSRStorage.Uid]]);
        Assert.Equal(0, dump.ExitCode);
        Assert.True(dump.StandardError.Length == 0, dump.StandardError);
        Assert.Contains("<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"L2\">", dump.StandardOutput);
        Assert.Contains("(GENANT-GRADE,99IMGPIPE,\"Genant semiquantitative grade\")=(GENANT-3,", dump.StandardOutput);
        Assert.Contains("SP-41", dump.StandardOutput);
    }

    [Fact]
    public async Task Seg_series_findings_are_reported_on_the_ct_series_they_were_measured_on()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 43,
            FirstLevel = "T12",
            LastLevel = "S1",
            PatientId = "SP-41",
            Fractures = [new SpineFracture("L1", VertebralFractureType.Wedge, 40)],
        });
        await using var destination = await StorescpPeer.StartAsync();
        using var folder = new TempFolder();
        var (publisher, message) = await PublisherAsync(study, folder, destination.Port, segSeriesInstanceUid: "1.2.826.0.1.3680043.10.1418.77");

        var outcome = await publisher.PublishAsync(message, CancellationToken.None);

        // The SEG series itself holds no image to reformat: without the source series the report would not be buildable.
        Assert.Equal(ResultsDeliveryStatus.Sent, outcome.Status);
        Assert.Equal(3, destination.ReceivedFiles().Count);
    }

    [Fact]
    public void The_results_services_hold_a_spine_builder_beside_the_bone_scan_one()
    {
        var services = new ServiceCollection();
        services.AddImagingResults();
        using var provider = services.BuildServiceProvider();

        var analyzers = provider.GetServices<IResultObjectsBuilder>().Select(b => b.Analyzer).ToList();

        Assert.Contains(SpineAnalyzer.AnalyzerName, analyzers);
        Assert.Contains("bone-scan", analyzers);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"analyzerVersion\":\"0.1\",\"modality\":\"CT\",\"method\":\"ct-classical\",\"labelConfidence\":\"low\",\"vertebrae\":\"T5\"}")]
    public async Task Unreadable_spine_findings_are_rejected_as_not_buildable(string payload)
    {
        var record = new FindingsRecord("1.2.3", "1.2.3.4", SpineAnalyzer.AnalyzerName, "0.1", 1, payload, ProducedAt);

        await Assert.ThrowsAsync<ArgumentException>(async () => await new SpineResultObjectsBuilder().BuildAsync(record, [], CancellationToken.None));
    }

    [Fact]
    public async Task Spine_findings_without_levels_give_no_objects()
    {
        var payload = "{\"analyzerVersion\":\"0.1\",\"modality\":\"CT\",\"method\":\"ct-classical\",\"labelConfidence\":\"low\",\"vertebrae\":[]}";
        var record = new FindingsRecord("1.2.3", "1.2.3.4", SpineAnalyzer.AnalyzerName, "0.1", 1, payload, ProducedAt);

        Assert.Empty(await new SpineResultObjectsBuilder().BuildAsync(record, [], CancellationToken.None));
    }

    /// <summary>A publisher (no bus) over a fake store holding the phantom's slices and the spine analyzer's findings.</summary>
    /// <param name="segSeriesInstanceUid">When set, the findings are stored as a SEG series' findings measured on the CT series
    /// (what the analyzer stores for a SEG), under this series.</param>
    private static async Task<(ResultsPublisher, FindingsProduced)> PublisherAsync(SpineCtStudy study, TempFolder folder, int port,
        string? segSeriesInstanceUid = null)
    {
        var store = new FakeImagingStore();
        var blobs = new FolderBlobStore(folder.Path);
        var parts = new List<InstanceFile>();
        for (var i = 0; i < study.Instances.Count; i++)
        {
            var ds = study.Instances[i].Dataset;
            var path = folder.File($"slice-{i}.dcm");
            var bytes = study.ToBytes(i);
            await File.WriteAllBytesAsync(path, bytes);
            parts.Add(InstanceFile.FromStream($"slice-{i}", () => new MemoryStream(bytes, writable: false)));
            var key = new InstanceKey(ds.GetSingleString(DicomTags.StudyInstanceUID)!, ds.GetSingleString(DicomTags.SeriesInstanceUID)!, ds.GetSingleString(DicomTag.SopInstanceUid)!);
            var blobKey = await blobs.PutAsync(path, key, dataIsDurable: false, CancellationToken.None);
            store.Add(new InstanceRecord
            {
                PatientId = "SP-41",
                StudyInstanceUid = key.StudyInstanceUid,
                SeriesInstanceUid = key.SeriesInstanceUid,
                Modality = "CT",
                SopInstanceUid = key.SopInstanceUid,
                SopClassUid = ds.GetSingleString(DicomTag.SopClassUid)!,
                InstanceNumber = i + 1,
                TransferSyntaxUid = study.Instances[i].TransferSyntax.Uid,
                BlobKey = blobKey,
                SizeBytes = bytes.Length,
                CallingAeTitle = "TEST",
                ReceivedAt = ProducedAt,
            });
        }
        var input = SeriesMetadataExtractor.Extract(parts, CancellationToken.None);
        var analyzer = new SpineAnalyzer();
        var findings = await analyzer.AnalyzeAsync(input, CancellationToken.None);
        var head = study.Instances[0].Dataset;
        var payload = findings.PayloadJson;
        var series = head.GetSingleString(DicomTags.SeriesInstanceUID)!;
        if (segSeriesInstanceUid is not null)
        {
            var document = JsonSerializer.Deserialize(payload, SpineJsonContext.Default.SpineFindings)!;
            payload = JsonSerializer.Serialize(document with { SeriesInstanceUid = segSeriesInstanceUid, SourceSeriesInstanceUid = series, Method = "seg" },
                SpineJsonContext.Default.SpineFindings);
            series = segSeriesInstanceUid;
        }
        var record = new FindingsRecord(head.GetSingleString(DicomTags.StudyInstanceUID)!, series,
            SpineAnalyzer.AnalyzerName, analyzer.Version, 1, payload, ProducedAt);
        await store.SaveFindingsAsync(record, CancellationToken.None);
        var options = new ResultsOptions { Destination = new ResultsDestinationOptions { AeTitle = StorescpPeer.AETitle, Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(5) } };
        var publisher = new ResultsPublisher(new StaticOptions(options), store, store, blobs, [new BoneScanResultObjectsBuilder(), new SpineResultObjectsBuilder()],
            NullLogger<ResultsPublisher>.Instance);
        return (publisher, new FindingsProduced(record.StudyInstanceUid, record.SeriesInstanceUid, record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt));
    }

    private sealed class StaticOptions(ResultsOptions value) : IOptionsMonitor<ResultsOptions>
    {
        public ResultsOptions CurrentValue => value;

        public ResultsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ResultsOptions, string?> listener) => null;
    }
}
