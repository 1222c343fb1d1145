using System.Collections.Concurrent;

namespace Imaging.Storage.Tests;

/// <summary>Grouped folder fsyncs: every caller is covered by an fsync that started after its call, concurrent callers
/// share one, failures reach every caller that relied on the failed fsync.</summary>
public sealed class DirectorySyncGroupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A sync function whose calls block until released, recording when each started.</summary>
    private sealed class GatedSync
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Exception? Failure { get; set; }

        public void Sync(string directory)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gates.Enqueue(gate);
            Interlocked.Increment(ref _started);
            gate.Task.Wait(Timeout);
            if (Failure is { } failure) throw failure;
        }

        /// <summary>Lets the oldest running sync finish.</summary>
        public void ReleaseOne()
        {
            Assert.True(_gates.TryDequeue(out var gate));
            gate.SetResult();
        }

        public async Task WaitForStartedAsync(int count)
        {
            using var deadline = new CancellationTokenSource(Timeout);
            while (Started < count) await Task.Delay(5, deadline.Token);
        }
    }

    [Fact]
    public async Task A_lone_caller_gets_one_sync_of_its_own()
    {
        var calls = 0;
        var group = new DirectorySyncGroup(_ => Interlocked.Increment(ref calls));

        await group.SyncAsync("/a");
        await group.SyncAsync("/a");

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_caller_arriving_during_a_sync_waits_for_the_next_one_which_callers_share()
    {
        var sync = new GatedSync();
        var group = new DirectorySyncGroup(sync.Sync);

        var first = group.SyncAsync("/a");
        await sync.WaitForStartedAsync(1);
        // These renamed while the first sync was already running: it may have missed them.
        var second = group.SyncAsync("/a");
        var third = group.SyncAsync("/a");
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, sync.Started);

        sync.ReleaseOne();
        await first.WaitAsync(Timeout);
        await sync.WaitForStartedAsync(2);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        sync.ReleaseOne();
        await Task.WhenAll(second, third).WaitAsync(Timeout);
        Assert.Equal(2, sync.Started);
    }

    [Fact]
    public async Task Folders_do_not_wait_for_each_other()
    {
        var sync = new GatedSync();
        var group = new DirectorySyncGroup(sync.Sync);

        var a = group.SyncAsync("/a");
        var b = group.SyncAsync("/b");

        await sync.WaitForStartedAsync(2);
        sync.ReleaseOne();
        sync.ReleaseOne();
        await Task.WhenAll(a, b).WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_failed_sync_fails_its_callers_and_the_next_caller_gets_a_fresh_one()
    {
        var sync = new GatedSync { Failure = new IOException("disk gone") };
        var group = new DirectorySyncGroup(sync.Sync);

        var first = group.SyncAsync("/a");
        await sync.WaitForStartedAsync(1);
        var second = group.SyncAsync("/a");
        sync.ReleaseOne();
        await Assert.ThrowsAsync<IOException>(() => first.WaitAsync(Timeout));
        await sync.WaitForStartedAsync(2);
        sync.ReleaseOne();
        await Assert.ThrowsAsync<IOException>(() => second.WaitAsync(Timeout));

        sync.Failure = null;
        var third = group.SyncAsync("/a");
        await sync.WaitForStartedAsync(3);
        sync.ReleaseOne();
        await third.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Many_concurrent_callers_all_complete_with_fewer_syncs_than_callers()
    {
        var calls = 0;
        var group = new DirectorySyncGroup(_ =>
        {
            Interlocked.Increment(ref calls);
            Thread.Sleep(5);
        });

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => group.SyncAsync("/a")))).WaitAsync(Timeout);

        Assert.InRange(calls, 1, 63);
    }
}
