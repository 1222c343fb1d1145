using System.Text.Json;
using Imaging.Contracts;
using static Imaging.Storage.Tests.TestInstances;

namespace Imaging.Storage.Tests.Priors;

/// <summary>Prior retrieval bookkeeping and series reopening, the same on every store (derived per store).</summary>
public abstract class PriorStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private IImagingStore _store = null!;
    private readonly List<IImagingStore> _others = [];

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract IImagingStore Open(string database);

    private string _database = "";

    private IPriorFetchStore Priors => (IPriorFetchStore)_store;

    private ISeriesReopener Reopener => (ISeriesReopener)_store;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _store = Open(_database);
        await _store.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        foreach (var other in _others) await other.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_prior_query_is_requested_once_per_study_and_never_for_unknown_studies()
    {
        await RecordSeriesAsync(_store, "1.1", "1.1.1", 1, T0, patientId: "P1", studyDate: "20260301");

        Assert.True(await Priors.RequestPriorQueryAsync("1.1", T0, None));
        Assert.False(await Priors.RequestPriorQueryAsync("1.1", T0, None));
        Assert.False(await Priors.RequestPriorQueryAsync("9.9", T0, None));
        var status = await Priors.GetPriorQueryAsync("1.1", None);
        Assert.Equal(("P1", "pending", 0), (status!.PatientId, status.State, status.Attempts));
    }

    [Fact]
    public async Task A_retrieved_prior_starts_no_look_up_of_its_own()
    {
        await RecordSeriesAsync(_store, "2.1", "2.1.1", 1, T0, patientId: "P1");
        await Priors.AddPriorFetchesAsync([new PriorFetchRequest("2.1", "P1", "pacs", "20250101", 1)], T0, None);

        Assert.False(await Priors.RequestPriorQueryAsync("2.1", T0, None));
    }

    [Fact]
    public async Task Query_work_is_leased_to_one_caller_with_its_attempt_and_retried_after_its_backoff()
    {
        await RecordSeriesAsync(_store, "1.1", "1.1.1", 1, T0, patientId: "P1", studyDate: "20260301");
        await Priors.RequestPriorQueryAsync("1.1", T0, None);
        var second = Open(_database);
        _others.Add(second);

        var leased = await Priors.LeasePriorQueryAsync(T0, Lease, None);
        Assert.Equal(new PriorQueryWork("1.1", "P1", "20260301", 1), leased);
        Assert.Null(await ((IPriorFetchStore)second).LeasePriorQueryAsync(T0.AddSeconds(1), Lease, None));

        await Priors.FinishPriorQueryAsync("1.1", T0, "association rejected", T0.AddMinutes(1), None);
        Assert.Null(await Priors.LeasePriorQueryAsync(T0.AddSeconds(30), Lease, None));
        Assert.Equal(T0.AddMinutes(1), await Priors.NextPriorWorkAsync(None));
        var again = await Priors.LeasePriorQueryAsync(T0.AddMinutes(1), Lease, None);
        Assert.Equal(2, again!.Attempt);

        await Priors.FinishPriorQueryAsync("1.1", T0.AddMinutes(1), "still rejected", null, None);
        var status = await Priors.GetPriorQueryAsync("1.1", None);
        Assert.Equal(("failed", 2, "still rejected"), (status!.State, status.Attempts, status.LastError));
        Assert.Null(await Priors.NextPriorWorkAsync(None));
    }

    [Fact]
    public async Task An_expired_lease_lets_another_caller_take_the_work()
    {
        await Priors.AddPriorFetchesAsync([new PriorFetchRequest("3.1", "P1", "pacs", null, null)], T0, None);

        Assert.NotNull(await Priors.LeasePriorFetchAsync(T0, Lease, None));
        Assert.Null(await Priors.LeasePriorFetchAsync(T0 + Lease - TimeSpan.FromSeconds(1), Lease, None));
        var taken = await Priors.LeasePriorFetchAsync(T0 + Lease, Lease, None);

        Assert.Equal(new PriorFetchWork("3.1", "P1", "pacs", null, 2), taken);
    }

    [Fact]
    public async Task Fetches_are_added_once_and_counted_per_patient_with_the_instances_the_index_holds()
    {
        await RecordSeriesAsync(_store, "4.1", "4.1.1", 3, T0, patientId: "P1");
        var added = await Priors.AddPriorFetchesAsync(
            [new PriorFetchRequest("4.2", "P1", "pacs", "20240101", 10), new PriorFetchRequest("4.3", "P1", "pacs", "20230101", null)], T0, None);
        var again = await Priors.AddPriorFetchesAsync([new PriorFetchRequest("4.2", "P1", "other", "20240101", 10)], T0, None);

        var state = await Priors.GetCandidateStateAsync("P1", ["4.1", "4.2", "4.9"], None);

        Assert.Equal((2, 0), (added, again));
        Assert.Equal(2, state.PatientFetches);
        Assert.Equal(["4.2"], state.Tracked.Order());
        Assert.Equal(3, state.HeldInstances["4.1"]);
        Assert.False(state.HeldInstances.ContainsKey("4.9"));
        Assert.Equal("pacs", (await Priors.GetPriorFetchAsync("4.2", None))!.Source);
    }

    [Fact]
    public async Task A_finished_fetch_is_done_and_not_leased_again()
    {
        await Priors.AddPriorFetchesAsync([new PriorFetchRequest("5.1", "P1", "pacs", null, null)], T0, None);
        var work = await Priors.LeasePriorFetchAsync(T0, Lease, None);

        await Priors.FinishPriorFetchAsync(work!.StudyInstanceUid, T0, null, null, None);

        Assert.Equal("done", (await Priors.GetPriorFetchAsync("5.1", None))!.State);
        Assert.Null(await Priors.LeasePriorFetchAsync(T0.AddDays(1), Lease, None));
    }

    [Fact]
    public async Task Reopening_a_ready_series_adds_one_ready_version_and_its_series_ready_to_the_outbox_once()
    {
        await RecordSeriesAsync(_store, "6.1", "6.1.1", 2, T0);
        var completed = await _store.CompleteDueSeriesAsync(T0 + Quiet, 10, None);
        Assert.Equal(1, Assert.Single(completed).ReadyVersion);
        await Drain();

        var reopened = await Reopener.ReopenSeriesAsync("6.1.1", 1, T0.AddHours(1), None);
        var redelivered = await Reopener.ReopenSeriesAsync("6.1.1", 1, T0.AddHours(1), None);

        Assert.Equal(new SeriesReady("6.1", "6.1.1", 2, 2, T0.AddHours(1)), reopened);
        Assert.Null(redelivered);
        var message = Assert.Single(await Drain());
        Assert.Equal(reopened, JsonSerializer.Deserialize<SeriesReady>(message.Payload, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_pending_or_unknown_series_is_not_reopened()
    {
        await RecordSeriesAsync(_store, "7.1", "7.1.1", 1, T0);

        Assert.Null(await Reopener.ReopenSeriesAsync("7.1.1", 0, T0, None));
        Assert.Null(await Reopener.ReopenSeriesAsync("9.9.9", 0, T0, None));
    }

    private async Task<List<OutboxMessage>> Drain()
    {
        var all = new List<OutboxMessage>();
        while (true)
        {
            var batch = await _store.ClaimAsync(100, TimeSpan.FromMinutes(5), None);
            if (batch.Count == 0) break;
            all.AddRange(batch);
            await _store.MarkPublishedAsync([.. batch.Select(m => m.Id)], None);
        }
        return [.. all.Where(m => m.MessageType == typeof(SeriesReady).FullName)];
    }
}
