using System.Text.Json;
using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Tests.Support;
using Imaging.Contracts;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Worker.Tests;

/// <summary>The worker on a real in-memory MassTransit bus: SeriesReady in, findings stored, FindingsProduced out.</summary>
public sealed class SeriesReadyConsumerTests
{
    private const string ChestCt = "ct_mr/CT_LCTSC_chest_TCIA.dcm";
    private const string ChestStudy = "1.3.6.1.4.1.14519.5.2.1.7014.4598.492964872630309412859177308186";
    private const string ChestSeries = "1.3.6.1.4.1.14519.5.2.1.7014.4598.106943890850011666503487579262";

    [Fact]
    public async Task Series_ready_stores_metadata_findings_and_announces_them()
    {
        await using var worker = await WorkerHarness.StartAsync();
        using var files = new TempFolder();
        for (var i = 1; i <= 3; i++)
            await worker.IndexAsync(DerivedFiles.Slice(ChestCt, files.File($"{i}.dcm"), i, -640.2 + 3 * i));

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 3));
        var produced = await WorkerHarness.NextAsync(worker.Probe.Delivered.Reader, "FindingsProduced");

        var record = Assert.Single(worker.Store.AllFindings());
        Assert.Equal((ChestStudy, ChestSeries, "metadata", "1", 1), (record.StudyInstanceUid, record.SeriesInstanceUid, record.Analyzer, record.AnalyzerVersion, record.ReadyVersion));
        Assert.Equal(new FindingsProduced(ChestStudy, ChestSeries, "metadata", "1", 1, record.ProducedAt), produced);
        using var payload = JsonDocument.Parse(record.Payload);
        Assert.Equal(3, payload.RootElement.GetProperty("instanceCount").GetInt32());
        Assert.Equal(3, payload.RootElement.GetProperty("crossSectional").GetProperty("sliceSpacing").GetDouble());
        Assert.Equal("LUNG", payload.RootElement.GetProperty("bodyPartExamined").GetString());
    }

    [Fact]
    public async Task Redelivered_series_ready_keeps_one_findings_record_and_announces_it_again()
    {
        await using var worker = await WorkerHarness.StartAsync();
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));
        var message = Ready(readyVersion: 1, instances: 1);

        await worker.PublishAsync(message);
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "first SeriesReady consumed");
        await worker.PublishAsync(message);
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "second SeriesReady consumed");

        Assert.Single(worker.Store.AllFindings());
        // At-least-once: the redelivery may follow a crash between saving and publishing.
        Assert.Equal(2, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task A_stale_ready_version_neither_replaces_nor_announces_findings()
    {
        await using var worker = await WorkerHarness.StartAsync();
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));

        await worker.PublishAsync(Ready(readyVersion: 2, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady v2 consumed");
        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady v1 consumed");

        Assert.Equal(2, Assert.Single(worker.Store.AllFindings()).ReadyVersion);
        Assert.Equal(1, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task A_higher_ready_version_replaces_the_findings_and_is_announced_again()
    {
        await using var worker = await WorkerHarness.StartAsync();
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady v1 consumed");
        await worker.PublishAsync(Ready(readyVersion: 2, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady v2 consumed");

        Assert.Equal(2, Assert.Single(worker.Store.AllFindings()).ReadyVersion);
        Assert.Equal(2, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task Missing_blobs_are_problems_in_the_metadata_and_the_rest_of_the_series_is_analysed()
    {
        await using var worker = await WorkerHarness.StartAsync();
        using var files = new TempFolder();
        await worker.IndexAsync(DerivedFiles.Slice(ChestCt, files.File("1.dcm"), 1, -640.2));
        var lost = await worker.IndexAsync(DerivedFiles.Slice(ChestCt, files.File("2.dcm"), 2, -637.2));
        File.Delete(worker.Blobs.GetPath(lost.BlobKey));
        var foreign = await worker.IndexAsync(DerivedFiles.Slice(ChestCt, files.File("3.dcm"), 3, -634.2));
        worker.Store.Add(foreign with { BlobKey = "../outside.dcm" });

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 3));
        await WorkerHarness.NextAsync(worker.Probe.Delivered.Reader, "FindingsProduced");

        var metadata = JsonSerializer.Deserialize(Assert.Single(worker.Store.AllFindings()).Payload, AnalysisJsonContext.Default.SeriesMetadata)!;
        Assert.Equal(1, metadata.InstanceCount);
        Assert.Equal([(lost.SopInstanceUid, SeriesProblemCodes.MissingFile), (foreign.SopInstanceUid, SeriesProblemCodes.MissingFile)],
            metadata.Problems.Select(p => (p.Instance, p.Code)));
        Assert.Contains("../outside.dcm", metadata.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_database_failure_is_retried_until_the_findings_are_stored()
    {
        await using var worker = await WorkerHarness.StartAsync(retries: 3);
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));
        worker.Store.FailNextInstanceQueries(2);

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady consumed after retries");

        Assert.Equal(3, worker.Store.InstanceQueries);
        Assert.Single(worker.Store.AllFindings());
        Assert.Equal(1, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task A_database_that_stays_down_faults_the_message_after_the_retries()
    {
        await using var worker = await WorkerHarness.StartAsync(retries: 2);
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));
        worker.Store.FailNextInstanceQueries(int.MaxValue);

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        var fault = await WorkerHarness.NextAsync(worker.Probe.Faults.Reader, "Fault<SeriesReady>");

        Assert.Equal(ChestSeries, fault.Message.SeriesInstanceUid);
        Assert.Equal(typeof(TimeoutException).FullName, Assert.Single(fault.Exceptions).ExceptionType);
        Assert.Equal(3, worker.Store.InstanceQueries);
        Assert.Empty(worker.Store.AllFindings());
    }

    [Fact]
    public async Task Only_analyzers_that_accept_the_series_run()
    {
        await using var worker = await WorkerHarness.StartAsync(services => services.AddSingleton<ISeriesAnalyzer>(new ModalityAnalyzer("MR")));
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));
        await worker.IndexAsync(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        const string mrSeries = "1.3.12.2.1107.5.2.32.35131.2014031012481958900586557.0.0.0";

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "CT SeriesReady consumed");
        await worker.PublishAsync(new SeriesReady("1.3.12.2.1107.5.2.32.35131.30000014022817282751500000052", mrSeries, 1, 1, DateTimeOffset.UtcNow));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "MR SeriesReady consumed");

        Assert.Equal(["metadata"], worker.Store.AllFindings().Where(f => f.SeriesInstanceUid == ChestSeries).Select(f => f.Analyzer));
        var mr = worker.Store.AllFindings().Where(f => f.SeriesInstanceUid == mrSeries).OrderBy(f => f.Analyzer, StringComparer.Ordinal).ToArray();
        Assert.Equal(["metadata", "modality-MR"], mr.Select(f => f.Analyzer));
        Assert.Equal("{\"instances\":1}", mr[1].Payload);
        Assert.Equal(3, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task A_failing_analyzer_does_not_keep_the_metadata_from_being_stored_once()
    {
        await using var worker = await WorkerHarness.StartAsync(services => services.AddSingleton<ISeriesAnalyzer>(new FailingAnalyzer()), retries: 2);
        await worker.IndexAsync(TestPaths.Corpus(ChestCt));

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        var fault = await WorkerHarness.NextAsync(worker.Probe.Faults.Reader, "Fault<SeriesReady>");

        Assert.Equal(typeof(SeriesAnalysisFailedException).FullName, Assert.Single(fault.Exceptions).ExceptionType);
        Assert.Contains("broken 1", Assert.Single(fault.Exceptions).Message, StringComparison.Ordinal);
        Assert.Equal("metadata", Assert.Single(worker.Store.AllFindings()).Analyzer);
        // Stored once; announced by each of the three attempts (announcing is at-least-once).
        Assert.Equal(3, worker.Probe.FindingsPublished);
    }

    [Fact]
    public async Task A_series_the_index_does_not_know_is_consumed_without_findings()
    {
        await using var worker = await WorkerHarness.StartAsync();

        await worker.PublishAsync(Ready(readyVersion: 1, instances: 1));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady consumed");

        Assert.Empty(worker.Store.AllFindings());
        Assert.Equal(1, worker.Store.InstanceQueries);
    }

    [Fact]
    public async Task A_message_with_a_malformed_uid_is_dropped_without_touching_the_index()
    {
        await using var worker = await WorkerHarness.StartAsync();

        await worker.PublishAsync(new SeriesReady(ChestStudy, "1.2.../../etc", 1, 1, DateTimeOffset.UtcNow));
        await WorkerHarness.NextAsync(worker.Probe.Consumed.Reader, "SeriesReady consumed");

        Assert.Equal(0, worker.Store.InstanceQueries);
    }

    private static SeriesReady Ready(int readyVersion, int instances) => new(ChestStudy, ChestSeries, readyVersion, instances, DateTimeOffset.UtcNow);

    /// <summary>Accepts series of one modality; its findings count the instances it was given.</summary>
    private sealed class ModalityAnalyzer(string modality) : ISeriesAnalyzer
    {
        public string Name => $"modality-{modality}";
        public string Version => "1";
        public bool Accepts(SeriesMetadata metadata) => metadata.Modality == modality;

        public ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AnalyzerFindings.FromJson($"{{\"instances\":{input.Instances.Count}}}"));
    }

    /// <summary>An analyzer with a bug.</summary>
    private sealed class FailingAnalyzer : ISeriesAnalyzer
    {
        public string Name => "broken";
        public string Version => "1";
        public bool Accepts(SeriesMetadata metadata) => true;

        public ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("index out of range in lesion 3");
    }
}
