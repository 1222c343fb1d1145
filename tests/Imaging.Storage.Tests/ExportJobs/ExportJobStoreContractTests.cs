namespace Imaging.Storage.Tests.ExportJobs;

/// <summary>What every <see cref="IExportJobStore"/> must do; run once per store (SQLite, PostgreSQL) by a derived class.</summary>
public abstract class ExportJobStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private IImagingStore _store = null!;

    private IExportJobStore Jobs => (IExportJobStore)_store;

    /// <summary>A fresh, empty store (not migrated yet).</summary>
    protected abstract Task<IImagingStore> OpenNewStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenNewStoreAsync();
        await _store.MigrateAsync(None);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static ExportJob NewJob(string owner = "alice", string node = "node-a", DateTimeOffset? at = null, ExportJobState state = ExportJobState.Queued) =>
        new(Guid.NewGuid(), owner, node, state, """{"modalities":["NM"],"profile":"basic"}""", at ?? T0);

    [Fact]
    public async Task A_created_job_reads_back_whole()
    {
        var job = NewJob();

        await Jobs.CreateExportJobAsync(job, None);

        Assert.Equal(job, await Jobs.GetExportJobAsync(job.Id, None));
        Assert.Null(await Jobs.GetExportJobAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task Every_field_of_a_finished_job_round_trips()
    {
        var job = NewJob();
        await Jobs.CreateExportJobAsync(job, None);
        var running = job with { State = ExportJobState.Running, StartedAt = T0.AddSeconds(1), OutputPath = "/data/exports/x.zip" };
        var done = running with
        {
            State = ExportJobState.Succeeded,
            FinishedAt = T0.AddMinutes(3),
            Total = 1200,
            Exported = 1100,
            Quarantined = 90,
            Failed = 10,
            BytesWritten = 5L * 1024 * 1024 * 1024,
            Patients = 12,
            Studies = 30,
            OutputBytes = 6L * 1024 * 1024 * 1024,
            OutputSha256 = new string('a', 64),
            Error = null,
        };

        Assert.True(await Jobs.UpdateExportJobAsync(running, ExportJobState.Queued, None));
        Assert.True(await Jobs.UpdateExportJobAsync(done, ExportJobState.Running, None));

        Assert.Equal(done, await Jobs.GetExportJobAsync(job.Id, None));
    }

    [Fact]
    public async Task An_update_from_a_state_the_job_has_left_changes_nothing()
    {
        var job = NewJob();
        await Jobs.CreateExportJobAsync(job, None);
        var cancelled = job with { State = ExportJobState.Cancelled, FinishedAt = T0.AddSeconds(2) };
        Assert.True(await Jobs.UpdateExportJobAsync(cancelled, ExportJobState.Queued, None));

        // The worker read the job as queued before the cancel: its start must lose.
        var started = job with { State = ExportJobState.Running, StartedAt = T0.AddSeconds(3) };
        Assert.False(await Jobs.UpdateExportJobAsync(started, ExportJobState.Queued, None));
        Assert.False(await Jobs.UpdateExportJobAsync(NewJob() with { State = ExportJobState.Running }, ExportJobState.Queued, None));

        Assert.Equal(cancelled, await Jobs.GetExportJobAsync(job.Id, None));
    }

    [Fact]
    public async Task Lists_are_by_owner_newest_first_and_capped()
    {
        var jobs = Enumerable.Range(0, 6).Select(i => NewJob(owner: i % 2 == 0 ? "alice" : "bob", at: T0.AddMinutes(i))).ToList();
        foreach (var job in jobs) await Jobs.CreateExportJobAsync(job, None);

        var alice = await Jobs.ListExportJobsAsync("alice", 100, None);
        var everyone = await Jobs.ListExportJobsAsync(owner: null, 4, None);

        Assert.Equal([jobs[4].Id, jobs[2].Id, jobs[0].Id], alice.Select(j => j.Id));
        Assert.Equal([jobs[5].Id, jobs[4].Id, jobs[3].Id, jobs[2].Id], everyone.Select(j => j.Id));
        Assert.Empty(await Jobs.ListExportJobsAsync("carol", 100, None));
    }

    [Fact]
    public async Task Jobs_of_one_node_in_one_state_list_oldest_first()
    {
        var a1 = NewJob(node: "node-a", at: T0.AddMinutes(2), state: ExportJobState.Running);
        var a2 = NewJob(node: "node-a", at: T0.AddMinutes(1), state: ExportJobState.Running);
        var b = NewJob(node: "node-b", at: T0, state: ExportJobState.Running);
        var queued = NewJob(node: "node-a", at: T0);
        foreach (var job in new[] { a1, a2, b, queued }) await Jobs.CreateExportJobAsync(job, None);

        Assert.Equal([a2.Id, a1.Id], (await Jobs.ListExportJobsAsync("node-a", ExportJobState.Running, None)).Select(j => j.Id));
        Assert.Equal([queued.Id], (await Jobs.ListExportJobsAsync("node-a", ExportJobState.Queued, None)).Select(j => j.Id));
        Assert.Equal([b.Id], (await Jobs.ListExportJobsAsync("node-b", ExportJobState.Running, None)).Select(j => j.Id));
    }

    [Fact]
    public async Task Finished_before_lists_only_finished_jobs_older_than_the_cut()
    {
        var old = NewJob(state: ExportJobState.Succeeded) with { FinishedAt = T0.AddDays(-8) };
        var older = NewJob(state: ExportJobState.Failed) with { FinishedAt = T0.AddDays(-9) };
        var recent = NewJob(state: ExportJobState.Cancelled) with { FinishedAt = T0.AddDays(-1) };
        var running = NewJob(state: ExportJobState.Running);
        foreach (var job in new[] { old, older, recent, running }) await Jobs.CreateExportJobAsync(job, None);

        var expired = await Jobs.ListExportJobsFinishedBeforeAsync(T0.AddDays(-7), 100, None);

        Assert.Equal([older.Id, old.Id], expired.Select(j => j.Id));
        Assert.Single(await Jobs.ListExportJobsFinishedBeforeAsync(T0.AddDays(-7), 1, None));
    }

    [Fact]
    public async Task Delete_removes_the_job_once()
    {
        var job = NewJob();
        await Jobs.CreateExportJobAsync(job, None);

        Assert.True(await Jobs.DeleteExportJobAsync(job.Id, None));
        Assert.False(await Jobs.DeleteExportJobAsync(job.Id, None));
        Assert.Null(await Jobs.GetExportJobAsync(job.Id, None));
    }

    [Fact]
    public async Task A_long_error_is_cut_to_the_maximum()
    {
        var job = NewJob();
        await Jobs.CreateExportJobAsync(job, None);

        await Jobs.UpdateExportJobAsync(job with { State = ExportJobState.Failed, Error = new string('x', 5000), FinishedAt = T0 }, ExportJobState.Queued, None);

        Assert.Equal(IExportJobStore.MaximumErrorLength, (await Jobs.GetExportJobAsync(job.Id, None))!.Error!.Length);
    }
}
