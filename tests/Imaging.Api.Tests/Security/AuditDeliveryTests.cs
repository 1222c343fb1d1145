using System.Net;
using Imaging.Api.Security;
using Imaging.Storage;

namespace Imaging.Api.Tests.Security;

/// <summary>"Every access is written": a slow or failing store makes requests wait or the writer retry, never drops
/// entries, and stopping the host flushes what is queued.</summary>
public sealed class AuditDeliveryTests
{
    /// <summary>An audit log whose writes wait for a gate, or fail a given number of times first.</summary>
    private sealed class GatedAuditLog(int failures = 0) : IAuditLog
    {
        private readonly InMemoryAuditLog _inner = new();
        private int _failures = failures;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Attempts;

        public IReadOnlyList<AuditEntry> Entries => _inner.Entries;

        public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Attempts);
            await Gate.Task.WaitAsync(cancellationToken);
            if (Interlocked.Decrement(ref _failures) >= 0) throw new IOException("the audit database is away");
            await _inner.AppendAsync(entries, cancellationToken);
        }

        public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken) => _inner.QueryAuditAsync(query, cancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    [Fact]
    public async Task A_full_queue_makes_requests_wait_and_loses_nothing()
    {
        var audit = new GatedAuditLog();
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?> { ["Auth:Audit:QueueCapacity"] = "2", ["Auth:Audit:BatchSize"] = "1" },
            loopbackOnly: true, audit: audit);

        // One entry is held by the blocked writer, two fill the queue: the fourth request cannot finish.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/studies?offset={i}")).StatusCode);
        await WaitUntilAsync(() => Volatile.Read(ref audit.Attempts) >= 1);
        var waiting = host.GetAsync("/api/studies?offset=3");
        // A negative check, not a synchronisation: the request must still be waiting after a while.
        var first = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.NotSame(waiting, first);

        audit.Gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await waiting.WaitAsync(TimeSpan.FromSeconds(15))).StatusCode);
        await WaitUntilAsync(() => audit.Entries.Count == 4);
        Assert.Equal(["/api/studies?offset=0", "/api/studies?offset=1", "/api/studies?offset=2", "/api/studies?offset=3"],
            audit.Entries.Select(e => e.Target));
    }

    [Fact]
    public async Task A_failing_store_is_retried_until_the_entries_are_written()
    {
        var audit = new GatedAuditLog(failures: 2);
        audit.Gate.SetResult();
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>(), loopbackOnly: true, audit: audit);

        await host.GetAsync("/api/studies");

        await WaitUntilAsync(() => audit.Entries.Count == 1);
        Assert.Equal(3, audit.Attempts);
        Assert.Contains(host.Logs.Lines, l => l.Contains("the audit database is away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_host_flushes_the_queued_entries()
    {
        var audit = new GatedAuditLog();
        await using var host = await SecurityHost.StartAsync(new Dictionary<string, string?>(), loopbackOnly: true, audit: audit);
        for (var i = 0; i < 20; i++) await host.GetAsync($"/api/studies?offset={i}");

        var stopping = host.StopAsync();
        audit.Gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(20, audit.Entries.Count);
    }
}
