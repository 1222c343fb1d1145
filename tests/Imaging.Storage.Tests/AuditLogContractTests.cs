namespace Imaging.Storage.Tests;

/// <summary>What every <see cref="IAuditLog"/> must do; run once per store (SQLite, PostgreSQL) by a derived class.</summary>
public abstract class AuditLogContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private IImagingStore _store = null!;

    private IAuditLog Log => (IAuditLog)_store;

    /// <summary>A fresh, empty store (not migrated yet).</summary>
    protected abstract Task<IImagingStore> OpenNewStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await OpenNewStoreAsync();
        await _store.MigrateAsync(None);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static AuditEntry Entry(DateTimeOffset at, string? user = "dr.house", string? patient = null, int status = 200, string target = "/api/studies") =>
        new(0, at, user, user is null ? null : "radiologist", user is null ? "ApiKey" : "Jwt", "192.0.2.7", "GET", target, patient,
            "1.2.3", "1.2.3.4", "1.2.3.4.5", status, TimeSpan.FromMilliseconds(12.345));

    [Fact]
    public async Task Appended_entries_read_back_whole_newest_first()
    {
        var first = Entry(T0, patient: "P1");
        var second = Entry(T0.AddSeconds(1), user: null, status: 401, target: "/dicomweb/studies?PatientID=P1");

        await Log.AppendAsync([first, second], None);
        var read = await Log.QueryAuditAsync(new AuditQuery(), None);

        Assert.Equal(2, read.Count);
        Assert.Equal(second with { Id = read[0].Id }, read[0]);
        Assert.Equal(first with { Id = read[1].Id }, read[1]);
        Assert.True(read[0].Id > read[1].Id);
    }

    [Fact]
    public async Task Queries_filter_by_patient_user_and_time_and_page()
    {
        var entries = Enumerable.Range(0, 10)
            .Select(i => Entry(T0.AddMinutes(i), user: i % 2 == 0 ? "alice" : "bob", patient: i < 5 ? "P1" : "P2"))
            .ToList();
        await Log.AppendAsync(entries, None);

        Assert.Equal(5, (await Log.QueryAuditAsync(new AuditQuery(PatientId: "P1"), None)).Count);
        Assert.All(await Log.QueryAuditAsync(new AuditQuery(UserName: "bob"), None), e => Assert.Equal("bob", e.UserName));
        var window = await Log.QueryAuditAsync(new AuditQuery(From: T0.AddMinutes(2), To: T0.AddMinutes(5)), None);
        Assert.Equal([T0.AddMinutes(4), T0.AddMinutes(3), T0.AddMinutes(2)], window.Select(e => e.At));
        var both = await Log.QueryAuditAsync(new AuditQuery(PatientId: "P2", UserName: "alice"), None);
        Assert.Equal([T0.AddMinutes(8), T0.AddMinutes(6)], both.Select(e => e.At));
        var page = await Log.QueryAuditAsync(new AuditQuery(Limit: 3, Offset: 3), None);
        Assert.Equal([T0.AddMinutes(6), T0.AddMinutes(5), T0.AddMinutes(4)], page.Select(e => e.At));
    }

    [Fact]
    public async Task Many_concurrent_appends_are_all_kept()
    {
        var writers = Enumerable.Range(0, 20)
            .Select(w => Log.AppendAsync([.. Enumerable.Range(0, 25).Select(i => Entry(T0.AddMilliseconds(w * 100 + i), user: $"user{w}"))], None));

        await Task.WhenAll(writers);

        var read = await Log.QueryAuditAsync(new AuditQuery(Limit: AuditQuery.MaximumLimit), None);
        Assert.Equal(500, read.Count);
        Assert.Equal(25, read.Count(e => e.UserName == "user7"));
    }

    [Fact]
    public async Task Out_of_range_paging_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAuditAsync(new AuditQuery(Limit: 0), None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAuditAsync(new AuditQuery(Limit: AuditQuery.MaximumLimit + 1), None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.QueryAuditAsync(new AuditQuery(Offset: -1), None));
    }

    [Fact]
    public async Task An_empty_append_writes_nothing()
    {
        await Log.AppendAsync([], None);

        Assert.Empty(await Log.QueryAuditAsync(new AuditQuery(), None));
    }
}
