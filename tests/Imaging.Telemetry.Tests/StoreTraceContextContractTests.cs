using System.Diagnostics;
using Imaging.Dicom.Tests.Support;
using Imaging.Storage;
using Imaging.Storage.Tests;

namespace Imaging.Telemetry.Tests;

/// <summary>The store's side of tracing (migration 0008), the same on SQLite and PostgreSQL: outbox rows keep the writer's
/// traceparent, a SeriesReady row the traceparents of its instances, and the backlog query reports what waits.</summary>
public abstract class StoreTraceContextContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly ActivitySource _source = new($"Imaging.Tests.TraceContext.{Guid.NewGuid():N}");
    private readonly ActivityListener _listener;
    private IImagingStore _store = null!;

    protected StoreTraceContextContractTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _source),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A fresh, empty store (not migrated yet).</summary>
    protected abstract Task<IImagingStore> OpenNewStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenNewStoreAsync();
        await _store.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _listener.Dispose();
        _source.Dispose();
    }

    [Fact]
    public async Task An_instance_outbox_row_keeps_the_traceparent_of_the_span_that_recorded_it()
    {
        string traceParent;
        using (var ingest = _source.StartActivity("index commit"))
        {
            traceParent = ingest!.Id!;
            await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", "1.2.3.4.5", TestInstances.T0), TestInstances.Quiet, None);
        }

        var row = Assert.Single(await _store.ClaimAsync(10, Lease, None));

        Assert.Equal(traceParent, row.TraceParent);
        Assert.Null(row.TraceLinks);
        Assert.True(OutboxTraceContext.TryParse(row.TraceParent, out var context));
        Assert.Equal(ActivityTraceId.CreateFromString(traceParent.AsSpan(3, 32)), context.TraceId);
    }

    [Fact]
    public async Task A_series_ready_row_links_to_the_traceparents_of_its_instances_and_has_no_parent_of_its_own()
    {
        var parents = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var ingest = _source.StartActivity("index commit");
            parents.Add(ingest!.Id!);
            await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", $"1.2.3.4.{i}", TestInstances.T0.AddSeconds(i)),
                TestInstances.Quiet, None);
        }
        await _store.MarkPublishedAsync([.. (await _store.ClaimAsync(10, Lease, None)).Select(r => r.Id)], None);

        var ready = await _store.CompleteDueSeriesAsync(TestInstances.T0 + TestInstances.Quiet + TimeSpan.FromMinutes(1), 10, None);
        Assert.Single(ready);
        var row = Assert.Single(await _store.ClaimAsync(10, Lease, None));

        Assert.Null(row.TraceParent);
        var links = OutboxTraceContext.ParseLinks(row.TraceLinks);
        Assert.Equal(3, links.Count);
        Assert.Equal(parents.Select(p => p.Substring(3, 32)).Order(), links.Select(l => l.TraceId.ToHexString()).Order());
    }

    [Fact]
    public async Task Rows_written_outside_any_span_carry_no_trace_context()
    {
        Assert.Null(Activity.Current);
        await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", "1.2.3.4.5", TestInstances.T0), TestInstances.Quiet, None);
        await _store.MarkPublishedAsync([.. (await _store.ClaimAsync(10, Lease, None)).Select(r => r.Id)], None);
        await _store.CompleteDueSeriesAsync(TestInstances.T0 + TestInstances.Quiet + TimeSpan.FromMinutes(1), 10, None);

        var row = Assert.Single(await _store.ClaimAsync(10, Lease, None));

        Assert.Null(row.TraceParent);
        Assert.Null(row.TraceLinks);
    }

    [Fact]
    public async Task Findings_keep_the_traceparent_of_the_span_that_wrote_them()
    {
        await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", "1.2.3.4.5", TestInstances.T0), TestInstances.Quiet, None);
        string traceParent;
        using (var write = _source.StartActivity("findings write"))
        {
            traceParent = write!.Id!;
            Assert.True(await _store.SaveFindingsAsync(new FindingsRecord("1.2.3", "1.2.3.4", "metadata", "1.0", 1, "{}", TestInstances.T0), None));
        }
        Assert.True(await _store.SaveFindingsAsync(new FindingsRecord("1.2.3", "1.2.3.4", "untraced", "1.0", 1, "{}", TestInstances.T0), None));

        var parents = await ((IFindingsTraceContext)_store).GetFindingsTraceParentsAsync("1.2.3.4", None);

        Assert.Equal([traceParent], parents);
        Assert.Empty(await ((IFindingsTraceContext)_store).GetFindingsTraceParentsAsync("9.9.9", None));
    }

    [Fact]
    public async Task The_backlog_counts_unpublished_rows_and_dates_the_oldest()
    {
        var backlog = (IOutboxBacklog)_store;
        Assert.Equal(new OutboxBacklog(0, null), await backlog.GetOutboxBacklogAsync(None));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", "1.2.3.4.1", TestInstances.T0), TestInstances.Quiet, None);
        await _store.RecordInstanceAsync(TestInstances.Create("1.2.3", "1.2.3.4", "1.2.3.4.2", TestInstances.T0), TestInstances.Quiet, None);
        var waiting = await backlog.GetOutboxBacklogAsync(None);

        Assert.Equal(2, waiting.Pending);
        Assert.NotNull(waiting.OldestCreatedAt);
        Assert.InRange(waiting.OldestCreatedAt.Value, before, DateTimeOffset.UtcNow.AddMinutes(1));

        await _store.MarkPublishedAsync([.. (await _store.ClaimAsync(10, Lease, None)).Select(r => r.Id)], None);
        Assert.Equal(new OutboxBacklog(0, null), await backlog.GetOutboxBacklogAsync(None));
    }
}

/// <summary>The contract on a SQLite file in a temporary folder.</summary>
public sealed class StoreTraceContextSqliteTests : StoreTraceContextContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IImagingStore> OpenNewStoreAsync() =>
        Task.FromResult<IImagingStore>(new SqliteImagingStore(_folder.File($"{Guid.NewGuid():N}/index.db")));

    public void Dispose() => _folder.Dispose();
}

/// <summary>The contract on PostgreSQL: the shared private cluster, a new database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreTraceContextPostgresTests(PostgresClusterFixture fixture) : StoreTraceContextContractTests
{
    protected override async Task<IImagingStore> OpenNewStoreAsync() => new PostgresImagingStore(await fixture.Cluster.CreateDatabaseAsync());
}
