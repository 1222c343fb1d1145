using System.Text.Json;
using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Metadata;
using Imaging.Contracts;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Network;
using Imaging.Dicom.Tests.Network;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Imaging.Worker.Results;
using Imaging.Worker.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Tests.Results;

/// <summary>The results sender: FindingsProduced in, SR + key image + key object selection C-STOREd to the configured AE.</summary>
public sealed class ResultsConsumerTests
{
    private static readonly DateTimeOffset ProducedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Findings_produced_sends_report_key_image_and_key_objects_to_storescp_and_dsrdump_reads_the_report()
    {
        await using var destination = await StorescpPeer.StartAsync();
        var logs = new LogCapture();
        await using var worker = await WorkerHarness.StartAsync(services => Configure(services, logs, new Dictionary<string, string?>
        {
            ["Worker:Results:Destination:AeTitle"] = StorescpPeer.AETitle,
            ["Worker:Results:Destination:Host"] = "127.0.0.1",
            ["Worker:Results:Destination:Port"] = destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:Results:Destination:CallingAeTitle"] = "IMAGINGTEST",
        }));
        var message = await IndexScanAsync(worker);

        await worker.PublishAsync(message);
        var sent = await logs.NextAsync(104);

        Assert.Contains("3 of 3 stored", sent.Message);
        var received = destination.ReceivedFiles();
        Assert.Equal(3, received.Count);
        var classes = received.Select(f => DicomFileReader.Read(f).Dataset.GetSingleString(DicomTag.SopClassUid)).Order().ToList();
        Assert.Equal(new[] { DicomUids.ComprehensiveSRStorage.Uid, DicomUids.KeyObjectSelectionDocumentStorage.Uid, DicomUids.SecondaryCaptureImageStorage.Uid }.Order(), classes);
        var report = received.Single(f => DicomFileReader.Read(f).Dataset.GetSingleString(DicomTag.SopClassUid) == DicomUids.ComprehensiveSRStorage.Uid);
        var dump = await ExternalTool.RunAsync("dsrdump", ["+Pc", report]);
        Assert.Equal(0, dump.ExitCode);
        Assert.True(dump.StandardError.Length == 0, dump.StandardError);
        Assert.Contains("<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"Lesion L2\">", dump.StandardOutput);
        Assert.Contains($"(CIRCLE,{FakeWholeBodyScan.Columns - 1 - 20 + 0.5}/70.5,", dump.StandardOutput);
        Assert.Contains("Results^Test", dump.StandardOutput);
    }

    [Fact]
    public async Task Without_a_destination_nothing_is_sent()
    {
        var logs = new LogCapture();
        await using var worker = await WorkerHarness.StartAsync(services => Configure(services, logs, []));
        var message = await IndexScanAsync(worker);

        await worker.PublishAsync(message);
        var skipped = await logs.NextAsync(101);

        Assert.Contains(FakeWholeBodyScan.SeriesUid, skipped.Message);
    }

    [Fact]
    public async Task A_destination_refusing_the_objects_is_logged_with_the_status_and_not_retried()
    {
        await using var destination = new RefusingDestination(DimseStatus.OutOfResources);
        var logs = new LogCapture();
        await using var worker = await WorkerHarness.StartAsync(services => Configure(services, logs, new Dictionary<string, string?>
        {
            ["Worker:Results:Destination:AeTitle"] = RefusingDestination.AETitle,
            ["Worker:Results:Destination:Host"] = "127.0.0.1",
            ["Worker:Results:Destination:Port"] = destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Retries would show as more than three C-STOREs before the outcome is logged.
            ["Worker:Results:RetryIntervals:0"] = "00:00:00.010",
            ["Worker:Results:RetryIntervals:1"] = "00:00:00.010",
        }));
        var message = await IndexScanAsync(worker);

        await worker.PublishAsync(message);
        var refused = await logs.NextAsync(105);
        var outcome = await logs.NextAsync(104);

        Assert.Equal(LogLevel.Error, refused.Level);
        Assert.Contains("0xA700", refused.Message);
        Assert.Contains("0 of 3 stored", outcome.Message);
        Assert.Equal(3, destination.Requests);
    }

    [Fact]
    public async Task An_unreachable_destination_throws_so_the_bus_retries()
    {
        using var folder = new TempFolder();
        var (publisher, message) = await PublisherAsync(folder, "127.0.0.1", TcpPorts.FindFree(), "NOBODY");

        await Assert.ThrowsAnyAsync<Exception>(() => publisher.PublishAsync(message, CancellationToken.None));
    }

    [Fact]
    public async Task Sending_twice_gives_the_destination_the_same_sop_instance_uids()
    {
        await using var destination = new RecordingDestination();
        using var folder = new TempFolder();
        var (publisher, message) = await PublisherAsync(folder, "127.0.0.1", destination.Port, RecordingDestination.AETitle);

        var first = await publisher.PublishAsync(message, CancellationToken.None);
        var afterFirst = destination.SopInstanceUids.ToList();
        var second = await publisher.PublishAsync(message, CancellationToken.None);

        Assert.Equal(ResultsDeliveryStatus.Sent, first.Status);
        Assert.Equal(ResultsDeliveryStatus.Sent, second.Status);
        Assert.Equal(3, afterFirst.Count);
        Assert.Equal(afterFirst.Concat(afterFirst), destination.SopInstanceUids);
    }

    [Fact]
    public async Task Findings_of_another_tracer_or_a_superseded_ready_version_are_not_sent()
    {
        await using var destination = new RecordingDestination();
        using var folder = new TempFolder();
        var notCounted = FakeWholeBodyScan.Findings() with { Status = TracerStatus.NotCounted, LesionCount = null, Lesions = [] };
        var (publisher, message) = await PublisherAsync(folder, "127.0.0.1", destination.Port, RecordingDestination.AETitle, notCounted);

        var nothing = await publisher.PublishAsync(message, CancellationToken.None);
        var stale = await publisher.PublishAsync(message with { ReadyVersion = message.ReadyVersion - 1 }, CancellationToken.None);
        var otherAnalyzer = await publisher.PublishAsync(message with { Analyzer = "metadata" }, CancellationToken.None);

        Assert.Equal(ResultsDeliveryStatus.Skipped, nothing.Status);
        Assert.Equal(ResultsDeliveryStatus.Skipped, stale.Status);
        Assert.Equal(ResultsDeliveryStatus.Skipped, otherAnalyzer.Status);
        Assert.Empty(destination.SopInstanceUids);
    }

    [Theory]
    [InlineData("{\"analyzerVersion\":")]
    [InlineData("{\"analyzerVersion\":\"0.1\",\"status\":\"analysed\",\"qc\":{},\"lesionCount\":1,\"lesions\":[{\"id\":\"L1\",\"region\":\"ribs\",\"views\":[\"anterior\"],\"x\":5000,\"y\":3,\"peakRatio\":2,\"areaMm2\":100}]}")]
    [InlineData("{\"analyzerVersion\":\"0.1\",\"status\":\"analysed\",\"qc\":{},\"lesionCount\":2,\"lesions\":[{\"id\":\"L1\",\"region\":\"ribs\",\"views\":[\"anterior\"],\"x\":5,\"y\":3,\"peakRatio\":2,\"areaMm2\":100},{\"id\":\"L1\",\"region\":\"ribs\",\"views\":[\"anterior\"],\"x\":6,\"y\":3,\"peakRatio\":2,\"areaMm2\":100}]}")]
    public async Task Findings_that_cannot_be_reported_are_not_sent_and_not_retried(string payload)
    {
        await using var destination = new RecordingDestination();
        using var folder = new TempFolder();
        var (publisher, message) = await PublisherAsync(folder, "127.0.0.1", destination.Port, RecordingDestination.AETitle, payload: payload);

        var outcome = await publisher.PublishAsync(message, CancellationToken.None);

        Assert.Equal(ResultsDeliveryStatus.NotBuildable, outcome.Status);
        Assert.Empty(destination.SopInstanceUids);
    }

    [Fact]
    public void Destination_is_bound_from_configuration_and_validated()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Worker:Results:Destination:AeTitle"] = "PACS",
            ["Worker:Results:Destination:Host"] = "pacs.example",
            ["Worker:Results:Destination:Port"] = "11112",
        }).Build());
        services.AddImagingResults().AddImagingResults();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ResultsOptions>>().Value;

        Assert.Equal(("PACS", "pacs.example", 11112, "IMAGING"), (options.Destination.AeTitle, options.Destination.Host, options.Destination.Port, options.Destination.CallingAeTitle));
        Assert.True(options.Destination.IsConfigured);
        Assert.Empty(options.Validate());
        Assert.Empty(new ResultsOptions().Validate());
        var bad = new ResultsOptions { Destination = new ResultsDestinationOptions { AeTitle = "A_TITLE_LONGER_THAN_16", Port = 0, CallingAeTitle = "BAD\\AE" } };
        var problems = bad.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Worker:Results:Destination:Host", StringComparison.Ordinal));
    }

    private static void Configure(IServiceCollection services, LogCapture logs, Dictionary<string, string?> settings)
    {
        services.AddSingleton<ISeriesAnalyzer>(new CannedBoneScanAnalyzer(FakeWholeBodyScan.Findings()));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
    }

    /// <summary>Indexes the fake scan; the returned SeriesReady makes the worker analyse it with a stand-in bone-scan
    /// analyzer (<see cref="CannedBoneScanAnalyzer"/>), store the findings and announce them, as in production.</summary>
    private static async Task<SeriesReady> IndexScanAsync(WorkerHarness worker)
    {
        await worker.IndexAsync(FakeWholeBodyScan.Write(Path.Combine(worker.Folder, "scan.dcm")));
        return new SeriesReady(FakeWholeBodyScan.StudyUid, FakeWholeBodyScan.SeriesUid, 1, 1, ProducedAt);
    }

    private static FindingsRecord Record(BoneScanFindings findings) =>
        new(FakeWholeBodyScan.StudyUid, FakeWholeBodyScan.SeriesUid, BoneScanAnalyzer.AnalyzerName, findings.AnalyzerVersion, 2,
            JsonSerializer.Serialize(findings, BoneScanJsonContext.Default.BoneScanFindings), ProducedAt);

    /// <summary>A publisher (no bus) over a fake store holding the fake scan and its findings.</summary>
    private static async Task<(ResultsPublisher, FindingsProduced)> PublisherAsync(TempFolder folder, string host, int port, string aeTitle,
        BoneScanFindings? findings = null, string? payload = null)
    {
        var store = new FakeImagingStore();
        var blobs = new FolderBlobStore(folder.Path);
        var path = FakeWholeBodyScan.Write(folder.File("scan.dcm"));
        var blobKey = await blobs.PutAsync(path, new InstanceKey(FakeWholeBodyScan.StudyUid, FakeWholeBodyScan.SeriesUid, FakeWholeBodyScan.SopUid),
            dataIsDurable: false, CancellationToken.None);
        store.Add(new InstanceRecord
        {
            PatientId = "PID-R6",
            StudyInstanceUid = FakeWholeBodyScan.StudyUid,
            SeriesInstanceUid = FakeWholeBodyScan.SeriesUid,
            Modality = "NM",
            SopInstanceUid = FakeWholeBodyScan.SopUid,
            SopClassUid = DicomUids.NuclearMedicineImageStorage.Uid,
            InstanceNumber = 1,
            TransferSyntaxUid = DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
            BlobKey = blobKey,
            SizeBytes = new FileInfo(blobs.GetPath(blobKey)).Length,
            CallingAeTitle = "TEST",
            ReceivedAt = ProducedAt,
        });
        var record = Record(findings ?? FakeWholeBodyScan.Findings());
        if (payload is not null) record = record with { Payload = payload };
        await store.SaveFindingsAsync(record, CancellationToken.None);
        var options = new ResultsOptions { Destination = new ResultsDestinationOptions { AeTitle = aeTitle, Host = host, Port = port, ConnectTimeout = TimeSpan.FromSeconds(5) } };
        var publisher = new ResultsPublisher(new StaticOptions(options), store, store, blobs, [new BoneScanResultObjectsBuilder()], NullLogger<ResultsPublisher>.Instance);
        return (publisher, new FindingsProduced(record.StudyInstanceUid, record.SeriesInstanceUid, record.Analyzer, record.AnalyzerVersion, record.ReadyVersion, record.ProducedAt));
    }

    /// <summary>Stands in for <see cref="BoneScanAnalyzer"/>: same name and version, fixed findings, accepts any series.</summary>
    private sealed class CannedBoneScanAnalyzer(BoneScanFindings findings) : ISeriesAnalyzer
    {
        public string Name => BoneScanAnalyzer.AnalyzerName;

        public string Version => findings.AnalyzerVersion;

        public bool Accepts(SeriesMetadata metadata) => true;

        public ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AnalyzerFindings.FromValue(findings, BoneScanJsonContext.Default.BoneScanFindings));
    }

    private sealed class StaticOptions(ResultsOptions value) : IOptionsMonitor<ResultsOptions>
    {
        public ResultsOptions CurrentValue => value;

        public ResultsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ResultsOptions, string?> listener) => null;
    }
}
