using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Imaging.Contracts;
using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests;

/// <summary>What every <see cref="IImagingStore"/> must do; run once per store (SQLite, PostgreSQL) by a derived class.</summary>
public abstract class ImagingStoreContractTests : IAsyncLifetime
{
    private readonly List<IImagingStore> _opened = [];
    private string _database = "";

    /// <summary>The store under test: fresh, empty and migrated for each test.</summary>
    protected IImagingStore Store { get; private set; } = null!;

    /// <summary>Creates an empty database; returns what <see cref="Open"/> needs to reach it (a path, a connection string).</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>A store on that database, as one process would open it (not migrated by this call).</summary>
    protected abstract IImagingStore Open(string database);

    /// <summary>The versions the store's schema_version table records.</summary>
    protected abstract Task<IReadOnlyList<int>> AppliedMigrationsAsync(IImagingStore store);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Store = Open(_database);
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        await Store.DisposeAsync();
    }

    /// <summary>Another store on the same database (another process), disposed with the test.</summary>
    private IImagingStore SecondStore(string? database = null)
    {
        var store = Open(database ?? _database);
        _opened.Add(store);
        return store;
    }

    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<List<OutboxMessage>> DrainOutboxAsync()
    {
        var all = new List<OutboxMessage>();
        while (true)
        {
            var batch = await Store.ClaimAsync(100, TimeSpan.FromMinutes(5), None);
            if (batch.Count == 0) return all;
            all.AddRange(batch);
        }
    }

    private static T Payload<T>(OutboxMessage message)
    {
        Assert.Equal(typeof(T).FullName, message.MessageType);
        return JsonSerializer.Deserialize<T>(message.Payload, JsonSerializerOptions.Web)!;
    }

    // ---- ingest ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Recording_an_instance_indexes_it_with_its_patient_study_and_series_and_announces_it_in_the_outbox()
    {
        var instance = Create("1.2.3", "1.2.3.4", "1.2.3.4.5", instanceNumber: 7);

        var recorded = await Store.RecordInstanceAsync(instance, Quiet, None);

        Assert.Equal(new RecordedInstance(Replaced: false, SeriesReadyVersion: 0), recorded);
        Assert.Equal(new StoreCounts(1, 1, 1, 1, 1, 0), await Store.GetCountsAsync(None));
        Assert.Equal([instance], await Store.GetSeriesInstancesAsync("1.2.3.4", None));
        var message = Assert.Single(await DrainOutboxAsync());
        Assert.Equal(new InstanceStored("1.2.3", "1.2.3.4", "1.2.3.4.5", instance.SopClassUid, "MODALITY", false, T0), Payload<InstanceStored>(message));
        Assert.Contains("\"sopInstanceUid\":\"1.2.3.4.5\"", message.Payload, StringComparison.Ordinal);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task Recording_the_same_instance_again_replaces_its_row_and_adds_nothing_else()
    {
        await Store.RecordInstanceAsync(Create("1.2.3", "1.2.3.4", "1.2.3.4.5"), Quiet, None);
        var again = Create("1.2.3", "1.2.3.4", "1.2.3.4.5", T0.AddSeconds(5)) with { SizeBytes = 999, CallingAeTitle = "PACS" };

        var recorded = await Store.RecordInstanceAsync(again, Quiet, None);

        Assert.True(recorded.Replaced);
        Assert.Equal(new StoreCounts(1, 1, 1, 1, 2, 0), await Store.GetCountsAsync(None));
        Assert.Equal([again], await Store.GetSeriesInstancesAsync("1.2.3.4", None));
        var messages = await DrainOutboxAsync();
        Assert.Equal([false, true], messages.Select(m => Payload<InstanceStored>(m).Replaced));
    }

    [Fact]
    public async Task A_record_that_fails_part_way_leaves_nothing_behind()
    {
        // The series row refuses a null modality after the patient and study rows were written in the same transaction.
        var broken = Create("1.2.3", "1.2.3.4", "1.2.3.4.5") with { Modality = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => Store.RecordInstanceAsync(broken, Quiet, None));

        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0, 0), await Store.GetCountsAsync(None));
        await Store.RecordInstanceAsync(Create("1.2.3", "1.2.3.4", "1.2.3.4.5"), Quiet, None);
        Assert.Equal(new StoreCounts(1, 1, 1, 1, 1, 0), await Store.GetCountsAsync(None));
    }

    [Fact]
    public async Task Later_instances_fill_in_empty_tags_without_erasing_known_ones()
    {
        await Store.RecordInstanceAsync(Create("1.2.3", "1.2.3.4", "1.2.3.4.1") with { PatientName = null, StudyDescription = "First" }, Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2.3", "1.2.3.4", "1.2.3.4.2") with { PatientName = "DOE^JANE", StudyDescription = null }, Quiet, None);

        var study = (await Store.GetStudyAsync("1.2.3", None))!.Study;

        Assert.Equal("DOE^JANE", study.PatientName);
        Assert.Equal("First", study.StudyDescription);
    }

    [Fact]
    public async Task Series_instances_come_in_instance_number_order_then_by_uid()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.10", instanceNumber: 2), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.9", instanceNumber: null), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.8", instanceNumber: 1), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.7", instanceNumber: null), Quiet, None);

        var instances = await Store.GetSeriesInstancesAsync("1.2.3", None);

        Assert.Equal(["1.2.3.8", "1.2.3.10", "1.2.3.7", "1.2.3.9"], instances.Select(i => i.SopInstanceUid));
        Assert.Empty(await Store.GetSeriesInstancesAsync("9.9", None));
    }

    [Fact]
    public async Task Concurrent_callers_all_get_their_instances_recorded()
    {
        const int callers = 4, each = 25;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
                await Store.RecordInstanceAsync(Create("1.2.3", "1.2.3.4", $"1.2.3.4.{c}.{i}", T0.AddMilliseconds(i)), Quiet, None);
        })));

        Assert.Equal(new StoreCounts(1, 1, 1, callers * each, callers * each, 0), await Store.GetCountsAsync(None));
        Assert.Equal(callers * each, (await DrainOutboxAsync()).Select(m => Payload<InstanceStored>(m).SopInstanceUid).Distinct().Count());
    }

    [Fact]
    public async Task Two_gateways_recording_the_same_instances_at_once_in_opposite_orders_end_with_one_row_each()
    {
        // Two associations (here: two stores, as two gateway processes) re-sending the same study, one from the front and
        // one from the back, across three series: the upserts of shared patient/study/series rows must not deadlock.
        var instances = Enumerable.Range(0, 30).Select(i => Create("1.2.3", $"1.2.3.{i % 3}", $"1.2.3.{i % 3}.{i}", T0.AddMilliseconds(i))).ToArray();
        var other = SecondStore();

        await Task.WhenAll(
            Task.Run(async () => { foreach (var instance in instances) await Store.RecordInstanceAsync(instance, Quiet, None); }),
            Task.Run(async () => { foreach (var instance in instances.Reverse()) await other.RecordInstanceAsync(instance, Quiet, None); }));

        Assert.Equal(new StoreCounts(1, 1, 3, 30, 60, 0), await Store.GetCountsAsync(None));
        for (var s = 0; s < 3; s++)
            Assert.Equal(10, (await Store.GetSeriesInstancesAsync($"1.2.3.{s}", None)).Count);
        var announced = (await DrainOutboxAsync()).Select(m => Payload<InstanceStored>(m)).ToList();
        Assert.Equal(30, announced.Count(m => !m.Replaced));
        Assert.Equal(30, announced.Count(m => m.Replaced));
    }

    // ---- series readiness --------------------------------------------------------------------------------------

    [Fact]
    public async Task A_series_becomes_ready_only_once_it_has_been_quiet_for_its_timeout()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.2", T0.AddSeconds(10)), Quiet, None);

        Assert.Empty(await Store.CompleteDueSeriesAsync(T0 + Quiet, 10, None));
        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddSeconds(10) + Quiet - TimeSpan.FromMilliseconds(1), 10, None));
        Assert.Equal("pending", (await Store.GetSeriesAsync("1.2.3", None))!.State);
        var ready = Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddSeconds(10) + Quiet, 10, None));

        Assert.Equal(new SeriesReady("1.2", "1.2.3", 1, 2, T0.AddSeconds(10) + Quiet), ready);
        Assert.Equal(new SeriesSummary("1.2.3", "CT", 1, "Axial", "SPINE", 2, "ready", 1), await Store.GetSeriesAsync("1.2.3", None));
        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddHours(1), 10, None));
    }

    [Fact]
    public async Task Completing_a_series_adds_its_SeriesReady_to_the_outbox_in_the_same_step()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        await Store.MarkPublishedAsync([.. (await DrainOutboxAsync()).Select(m => m.Id)], None);

        var ready = Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddMinutes(1), 10, None));

        Assert.Equal(ready, Payload<SeriesReady>(Assert.Single(await DrainOutboxAsync())));
    }

    [Fact]
    public async Task Next_deadline_is_absent_without_pending_series_and_never_later_than_the_real_one()
    {
        Assert.Null(await Store.NextDeadlineAsync(None));
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.2", T0.AddSeconds(10)), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.4", "1.2.4.1", T0.AddSeconds(20)), Quiet, None);

        var next = await Store.NextDeadlineAsync(None);
        Assert.NotNull(next);
        Assert.InRange(next.Value, T0 + Quiet, T0.AddSeconds(10) + Quiet);

        // Asking at that time moves the first series to its real deadline, which is then the next one.
        Assert.Empty(await Store.CompleteDueSeriesAsync(next.Value, 10, None));
        Assert.Equal(T0.AddSeconds(10) + Quiet, await Store.NextDeadlineAsync(None));
        Assert.Equal(2, (await Store.CompleteDueSeriesAsync(T0.AddMinutes(5), 10, None)).Count);
        Assert.Null(await Store.NextDeadlineAsync(None));
    }

    [Fact]
    public async Task A_new_instance_reopens_a_ready_series_which_becomes_ready_again_as_version_2()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddMinutes(1), 10, None));

        var late = await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.2", T0.AddMinutes(2)), Quiet, None);

        Assert.Equal(new RecordedInstance(false, 1), late);
        Assert.Equal("pending", (await Store.GetSeriesAsync("1.2.3", None))!.State);
        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddMinutes(2) + Quiet - TimeSpan.FromSeconds(1), 10, None));
        var ready = Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddMinutes(2) + Quiet, 10, None));
        Assert.Equal(new SeriesReady("1.2", "1.2.3", 2, 2, T0.AddMinutes(2) + Quiet), ready);
        Assert.Equal(2, (await Store.GetSeriesAsync("1.2.3", None))!.ReadyVersion);
    }

    [Fact]
    public async Task Reconciliation_sees_instances_of_pending_series_only_and_removes_rows_only_at_the_received_time_checked()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddMinutes(1), 10, None));
        await Store.RecordInstanceAsync(Create("1.2", "1.2.4", "1.2.4.1", T0.AddMinutes(2)), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.4", "1.2.4.2", T0.AddMinutes(2)), Quiet, None);

        var pending = await Store.GetPendingSeriesInstancesAsync(None);

        Assert.Equal(["1.2.4.1", "1.2.4.2"], pending.Select(p => p.SopInstanceUid).Order());
        Assert.All(pending, p => Assert.Equal(T0.AddMinutes(2), p.ReceivedAt));
        var first = pending.Single(p => p.SopInstanceUid == "1.2.4.1");
        var second = pending.Single(p => p.SopInstanceUid == "1.2.4.2");
        // 1.2.4.2 was sent again after the check: its row is the new copy's and stays.
        await Store.RecordInstanceAsync(Create("1.2", "1.2.4", "1.2.4.2", T0.AddMinutes(3)), Quiet, None);

        Assert.Equal(1, await Store.RemoveInstancesAsync([first, second], None));

        Assert.Equal(["1.2.4.2"], (await Store.GetSeriesInstancesAsync("1.2.4", None)).Select(i => i.SopInstanceUid));
        Assert.Single(await Store.GetSeriesInstancesAsync("1.2.3", None));
        Assert.Equal(0, await Store.RemoveInstancesAsync([], None));
    }

    [Fact]
    public async Task Resent_instance_does_not_reopen_a_ready_series()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddMinutes(1), 10, None));

        var resent = await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0.AddMinutes(2)), Quiet, None);

        Assert.Equal(new RecordedInstance(true, 1), resent);
        Assert.Equal("ready", (await Store.GetSeriesAsync("1.2.3", None))!.State);
        Assert.Null(await Store.NextDeadlineAsync(None));
        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddHours(1), 10, None));
    }

    [Fact]
    public async Task Resent_instance_slides_the_deadline_of_a_pending_series()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0), Quiet, None);
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1", T0.AddSeconds(20)), Quiet, None);

        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddSeconds(20) + Quiet - TimeSpan.FromSeconds(1), 10, None));
        var ready = Assert.Single(await Store.CompleteDueSeriesAsync(T0.AddSeconds(20) + Quiet, 10, None));
        Assert.Equal(1, ready.InstanceCount);
    }

    [Fact]
    public async Task Completion_takes_at_most_the_maximum_and_leaves_the_rest_for_the_next_call()
    {
        for (var s = 1; s <= 5; s++) await Store.RecordInstanceAsync(Create("1.2", $"1.2.{s}", $"1.2.{s}.1", T0.AddSeconds(s)), Quiet, None);

        var first = await Store.CompleteDueSeriesAsync(T0.AddHours(1), 3, None);
        var second = await Store.CompleteDueSeriesAsync(T0.AddHours(1), 3, None);

        Assert.Equal(["1.2.1", "1.2.2", "1.2.3"], first.Select(r => r.SeriesInstanceUid));
        Assert.Equal(["1.2.4", "1.2.5"], second.Select(r => r.SeriesInstanceUid));
    }

    [Fact]
    public async Task Concurrent_completion_from_two_stores_never_completes_a_series_twice()
    {
        const int seriesCount = 40;
        for (var s = 1; s <= seriesCount; s++) await Store.RecordInstanceAsync(Create("1.2", $"1.2.{s}", $"1.2.{s}.1", T0), Quiet, None);
        var other = SecondStore();
        var completions = new ConcurrentBag<SeriesReady>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store : other;
            while (true)
            {
                var batch = await store.CompleteDueSeriesAsync(T0.AddHours(1), 3, None);
                if (batch.Count == 0) return;
                foreach (var ready in batch) completions.Add(ready);
            }
        })));

        Assert.Empty(await Store.CompleteDueSeriesAsync(T0.AddHours(1), 100, None));
        Assert.Equal(seriesCount, completions.Count);
        Assert.Equal(seriesCount, completions.Select(r => r.SeriesInstanceUid).Distinct().Count());
        Assert.All(completions, r => Assert.Equal(1, r.ReadyVersion));
        Assert.Equal(seriesCount, (await DrainOutboxAsync()).Count(m => m.MessageType == typeof(SeriesReady).FullName));
    }

    [Fact]
    public async Task Instances_recorded_while_their_series_completes_are_never_left_out_of_its_last_ready_version()
    {
        const int instances = 60;
        var completions = new ConcurrentBag<SeriesReady>();
        var recording = Task.Run(async () =>
        {
            for (var i = 1; i <= instances; i++) await Store.RecordInstanceAsync(Create("1.2", "1.2.3", $"1.2.3.{i}", T0), Quiet, None);
        });
        var completing = Task.Run(async () =>
        {
            while (!recording.IsCompleted)
            {
                foreach (var ready in await Store.CompleteDueSeriesAsync(T0.AddHours(1), 10, None)) completions.Add(ready);
            }
        });
        await Task.WhenAll(recording, completing);
        foreach (var ready in await Store.CompleteDueSeriesAsync(T0.AddHours(1), 10, None)) completions.Add(ready);

        var last = completions.MaxBy(r => r.ReadyVersion)!;
        Assert.Equal(instances, last.InstanceCount);
        Assert.Equal(completions.Count, completions.Select(r => r.ReadyVersion).Distinct().Count());
        Assert.Equal(new SeriesSummary("1.2.3", "CT", 1, "Axial", "SPINE", instances, "ready", last.ReadyVersion), await Store.GetSeriesAsync("1.2.3", None));
    }

    // ---- outbox ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Claimed_rows_come_in_id_order_up_to_the_maximum_and_are_not_claimed_again_while_leased()
    {
        for (var i = 1; i <= 5; i++) await Store.RecordInstanceAsync(Create("1.2", "1.2.3", $"1.2.3.{i}"), Quiet, None);

        var first = await Store.ClaimAsync(3, TimeSpan.FromMinutes(1), None);
        var second = await Store.ClaimAsync(3, TimeSpan.FromMinutes(1), None);
        var third = await Store.ClaimAsync(3, TimeSpan.FromMinutes(1), None);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        var ids = first.Concat(second).Select(m => m.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(["1.2.3.1", "1.2.3.2", "1.2.3.3", "1.2.3.4", "1.2.3.5"], first.Concat(second).Select(m => Payload<InstanceStored>(m).SopInstanceUid));
        Assert.Equal(5, await Store.CountPendingAsync(None));
    }

    [Fact]
    public async Task Released_rows_can_be_claimed_again_with_the_attempt_counted()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, None);
        var claimed = Assert.Single(await Store.ClaimAsync(10, TimeSpan.FromMinutes(1), None));

        await Store.ReleaseAsync([claimed.Id], None);
        var again = Assert.Single(await Store.ClaimAsync(10, TimeSpan.FromMinutes(1), None));
        await Store.ReleaseAsync([again.Id], None);
        var third = Assert.Single(await Store.ClaimAsync(10, TimeSpan.FromMinutes(1), None));

        Assert.Equal(claimed with { Attempts = 1 }, again);
        Assert.Equal(2, third.Attempts);
    }

    [Fact]
    public async Task Rows_whose_lease_expired_can_be_claimed_again_without_counting_an_attempt()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, None);
        var claimed = Assert.Single(await Store.ClaimAsync(10, TimeSpan.FromMilliseconds(300), None));

        var reclaimed = await Eventually.ReturnsAsync(() => Store.ClaimAsync(10, TimeSpan.FromMinutes(1), None), r => r.Count > 0,
            TimeSpan.FromSeconds(10), "the row after its lease expired");

        Assert.Equal(claimed, Assert.Single(reclaimed));
    }

    [Fact]
    public async Task Published_rows_leave_the_outbox()
    {
        for (var i = 1; i <= 3; i++) await Store.RecordInstanceAsync(Create("1.2", "1.2.3", $"1.2.3.{i}"), Quiet, None);
        var claimed = await Store.ClaimAsync(2, TimeSpan.FromMinutes(1), None);

        await Store.MarkPublishedAsync([.. claimed.Select(m => m.Id)], None);
        await Store.MarkPublishedAsync([], None);

        Assert.Equal(1, await Store.CountPendingAsync(None));
        var rest = await Store.ClaimAsync(10, TimeSpan.FromMinutes(1), None);
        Assert.Equal("1.2.3.3", Payload<InstanceStored>(Assert.Single(rest)).SopInstanceUid);
    }

    [Fact]
    public async Task Concurrent_relays_never_claim_the_same_row()
    {
        for (var i = 1; i <= 30; i++) await Store.RecordInstanceAsync(Create("1.2", "1.2.3", $"1.2.3.{i}"), Quiet, None);
        var other = SecondStore();
        var claimed = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store : other;
            while (true)
            {
                var batch = await store.ClaimAsync(2, TimeSpan.FromMinutes(5), None);
                if (batch.Count == 0) return;
                foreach (var message in batch) claimed.Add(message.Id);
            }
        })));

        Assert.Equal(30, claimed.Count);
        Assert.Equal(30, claimed.Distinct().Count());
    }

    // ---- findings ----------------------------------------------------------------------------------------------

    private static FindingsRecord Findings(int readyVersion, string analyzerVersion = "1.0", string payload = """{"lesions":3}""") =>
        new("1.2", "1.2.3", "bone-scan", analyzerVersion, readyVersion, payload, T0.AddMinutes(readyVersion));

    [Fact]
    public async Task The_same_findings_delivered_twice_are_kept_once()
    {
        Assert.True(await Store.SaveFindingsAsync(Findings(1), None));
        Assert.False(await Store.SaveFindingsAsync(Findings(1, payload: """{"lesions":4}"""), None));

        var kept = Assert.Single(await Store.GetFindingsAsync("1.2.3", None));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"lesions":3}"""), JsonNode.Parse(kept.Payload)));
        Assert.Equal(1, (await Store.GetCountsAsync(None)).FindingsRecords);
    }

    [Fact]
    public async Task Findings_of_a_higher_ready_version_replace_older_ones_and_lower_ones_are_ignored()
    {
        Assert.True(await Store.SaveFindingsAsync(Findings(1), None));
        Assert.True(await Store.SaveFindingsAsync(Findings(2, payload: """{"lesions":5}"""), None));
        Assert.False(await Store.SaveFindingsAsync(Findings(1, payload: """{"lesions":9}"""), None));

        var kept = Assert.Single(await Store.GetFindingsAsync("1.2.3", None));
        Assert.Equal(2, kept.ReadyVersion);
        Assert.Equal(T0.AddMinutes(2), kept.ProducedAt);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"lesions":5}"""), JsonNode.Parse(kept.Payload)));
    }

    [Fact]
    public async Task Each_analyzer_version_keeps_its_own_findings()
    {
        Assert.True(await Store.SaveFindingsAsync(Findings(1, "1.0"), None));
        Assert.True(await Store.SaveFindingsAsync(Findings(1, "1.1"), None));
        Assert.True(await Store.SaveFindingsAsync(Findings(1) with { Analyzer = "spine" }, None));

        var kept = await Store.GetFindingsAsync("1.2.3", None);

        Assert.Equal([("bone-scan", "1.0"), ("bone-scan", "1.1"), ("spine", "1.0")], kept.Select(f => (f.Analyzer, f.AnalyzerVersion)));
        Assert.Empty(await Store.GetFindingsAsync("9.9", None));
    }

    [Fact]
    public async Task Failing_writes_fail_alone_and_leave_nothing_behind_among_concurrent_writes()
    {
        // Started together so that a store batching writes puts them in one transaction.
        var malformed = Store.SaveFindingsAsync(Findings(1, payload: "{not json"), None);
        var broken = Store.RecordInstanceAsync(Create("9.9", "9.9.9", "9.9.9.9", patientId: "BROKEN") with { Modality = null! }, Quiet, None);
        var good = Enumerable.Range(1, 10).Select(i => Store.RecordInstanceAsync(Create("1.2", "1.2.3", $"1.2.3.{i}"), Quiet, None)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => malformed);
        await Assert.ThrowsAnyAsync<Exception>(() => broken);
        await Task.WhenAll(good);
        Assert.Equal(new StoreCounts(1, 1, 1, 10, 10, 0), await Store.GetCountsAsync(None));
        Assert.Null(await Store.GetStudyAsync("9.9", None));
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    /// <summary>Three patients, four studies: A (CT+NM, 2026-01-05), B (MR, 2025-06-01), C (CT, no date) of PAT1/PAT2/PAT3,
    /// D (NM, 2026-03-01) of PAT1.</summary>
    private async Task RecordStudiesAsync()
    {
        await RecordSeriesAsync(Store, "1.1", "1.1.1", 3, T0, "PAT1", "CT", "20260105");
        await RecordSeriesAsync(Store, "1.1", "1.1.2", 2, T0, "PAT1", "NM", "20260105");
        await RecordSeriesAsync(Store, "1.2", "1.2.1", 1, T0, "PAT2", "MR", "20250601");
        await RecordSeriesAsync(Store, "1.3", "1.3.1", 1, T0, "PAT3", "CT", null);
        await RecordSeriesAsync(Store, "1.4", "1.4.1", 4, T0, "PAT1", "NM", "20260301");
    }

    private async Task<string[]> QueryAsync(StudyQuery query) => [.. (await Store.QueryStudiesAsync(query, None)).Select(s => s.StudyInstanceUid)];

    [Fact]
    public async Task Studies_are_listed_newest_first_with_their_modalities_and_counts()
    {
        await RecordStudiesAsync();

        var studies = await Store.QueryStudiesAsync(new StudyQuery(), None);

        Assert.Equal(["1.4", "1.1", "1.2", "1.3"], studies.Select(s => s.StudyInstanceUid));
        var a = studies[1];
        Assert.Equal(new StudySummary("1.1", "PAT1", "DOE^JANE", "20260105", "Bone scan", "ACC1", a.Modalities, 2, 5), a);
        Assert.Equal(["CT", "NM"], a.Modalities);
    }

    [Fact]
    public async Task Studies_can_be_filtered_by_patient()
    {
        await RecordStudiesAsync();
        Assert.Equal(["1.4", "1.1"], await QueryAsync(new StudyQuery(PatientId: "PAT1")));
        Assert.Empty(await QueryAsync(new StudyQuery(PatientId: "NOBODY")));
    }

    [Fact]
    public async Task Studies_can_be_filtered_by_a_modality_of_any_of_their_series()
    {
        await RecordStudiesAsync();
        Assert.Equal(["1.4", "1.1"], await QueryAsync(new StudyQuery(Modality: "NM")));
        Assert.Equal(["1.1", "1.3"], await QueryAsync(new StudyQuery(Modality: "CT")));
    }

    [Fact]
    public async Task Studies_can_be_filtered_by_an_inclusive_study_date_range()
    {
        await RecordStudiesAsync();
        Assert.Equal(["1.4", "1.1"], await QueryAsync(new StudyQuery(From: new DateOnly(2026, 1, 5))));
        Assert.Equal(["1.1", "1.2"], await QueryAsync(new StudyQuery(To: new DateOnly(2026, 1, 5))));
        Assert.Equal(["1.1"], await QueryAsync(new StudyQuery(From: new DateOnly(2026, 1, 5), To: new DateOnly(2026, 1, 5))));
        Assert.Equal(["1.4"], await QueryAsync(new StudyQuery(PatientId: "PAT1", Modality: "NM", From: new DateOnly(2026, 2, 1))));
    }

    [Fact]
    public async Task Study_lists_are_paged_with_limit_and_offset()
    {
        await RecordStudiesAsync();
        Assert.Equal(["1.4", "1.1"], await QueryAsync(new StudyQuery(Limit: 2)));
        Assert.Equal(["1.2", "1.3"], await QueryAsync(new StudyQuery(Limit: 2, Offset: 2)));
        Assert.Empty(await QueryAsync(new StudyQuery(Offset: 10)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryStudiesAsync(new StudyQuery(Limit: 0), None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryStudiesAsync(new StudyQuery(Offset: -1), None));
    }

    [Fact]
    public async Task A_study_comes_with_its_patient_details_and_series_in_series_number_order()
    {
        await RecordStudiesAsync();
        await Store.RecordInstanceAsync(Create("1.1", "1.1.0", "1.1.0.1") with { SeriesNumber = null, Modality = "SR" }, Quiet, None);
        await Store.CompleteDueSeriesAsync(T0.AddMinutes(1), 100, None);

        var study = await Store.GetStudyAsync("1.1", None);

        Assert.NotNull(study);
        Assert.Equal("19600101", study.PatientBirthDate);
        Assert.Equal("F", study.PatientSex);
        Assert.Equal(["CT", "NM", "SR"], study.Study.Modalities);
        Assert.Equal(
            [new SeriesSummary("1.1.1", "CT", 1, "Axial", "SPINE", 3, "ready", 1), new SeriesSummary("1.1.2", "NM", 1, "Axial", "SPINE", 2, "ready", 1),
             new SeriesSummary("1.1.0", "SR", null, "Axial", "SPINE", 1, "ready", 1)],
            study.Series);
        Assert.Null(await Store.GetStudyAsync("9.9", None));
        Assert.Null(await Store.GetSeriesAsync("9.9", None));
    }

    [Fact]
    public async Task Counts_follow_what_was_recorded_published_and_found()
    {
        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0, 0), await Store.GetCountsAsync(None));
        await RecordStudiesAsync();
        var claimed = await Store.ClaimAsync(4, TimeSpan.FromMinutes(1), None);
        await Store.MarkPublishedAsync([.. claimed.Select(m => m.Id)], None);
        await Store.SaveFindingsAsync(Findings(1), None);

        Assert.Equal(new StoreCounts(3, 4, 5, 11, 7, 1), await Store.GetCountsAsync(None));
        Assert.Equal(7, await Store.CountPendingAsync(None));
    }

    // ---- schema ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        await Store.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, None);
        var before = await AppliedMigrationsAsync(Store);

        await Store.MigrateAsync(None);
        var other = SecondStore();
        await Task.WhenAll(other.MigrateAsync(None), Store.MigrateAsync(None));

        Assert.Equal(EmbeddedMigrationVersions(), before);
        Assert.Equal(before, await AppliedMigrationsAsync(Store));
        Assert.Equal(1, (await other.GetCountsAsync(None)).Instances);
    }

    [Fact]
    public async Task Two_processes_migrating_an_empty_database_at_once_apply_each_migration_once()
    {
        var database = await CreateDatabaseAsync();
        var first = SecondStore(database);
        var second = SecondStore(database);

        await Task.WhenAll(Task.Run(() => first.MigrateAsync(None)), Task.Run(() => second.MigrateAsync(None)));

        Assert.Equal(EmbeddedMigrationVersions(), await AppliedMigrationsAsync(first));
        await first.RecordInstanceAsync(Create("1.2", "1.2.3", "1.2.3.1"), Quiet, None);
        Assert.Equal(1, (await second.GetCountsAsync(None)).Instances);
    }

    /// <summary>Every version the store ships (dense from 1, whichever dialect: both ship the same numbers).</summary>
    private static int[] EmbeddedMigrationVersions() =>
        [.. Imaging.Storage.Migrations.MigrationScripts.Load("sqlite").Select(m => m.Version)];

    [Fact]
    public async Task Ping_answers_when_the_database_is_there()
    {
        await Store.PingAsync(None);
        Assert.Equal(0, await Store.CountPendingAsync(None));
    }
}
