using System.Diagnostics;
using Imaging.Gateway.Pipeline;

namespace Imaging.Pipeline.Tests;

/// <summary>Wake-ups gathered to one per interval: the first passes at once, a burst after it becomes one call at the end
/// of the interval, and none is lost.</summary>
public sealed class CoalescingNotifierTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task The_first_wake_up_passes_at_once_and_a_burst_after_it_becomes_one_call_an_interval_later()
    {
        var calls = new List<long>();
        using var notifier = new CoalescingNotifier(() => { lock (calls) calls.Add(Stopwatch.GetTimestamp()); }, Interval);

        var start = Stopwatch.GetTimestamp();
        notifier.Notify();
        Assert.Single(calls);
        for (var i = 0; i < 100; i++) notifier.Notify();
        Assert.Single(calls);

        await WaitForCallsAsync(calls, 2);
        await Task.Delay(Interval * 2);
        lock (calls)
        {
            Assert.Equal(2, calls.Count);
            // Not earlier than the interval after the first call (a little slack for the timer's resolution).
            Assert.True(Stopwatch.GetElapsedTime(start, calls[1]) >= Interval - TimeSpan.FromMilliseconds(20));
        }
    }

    [Fact]
    public async Task A_wake_up_after_a_quiet_interval_passes_at_once()
    {
        var calls = 0;
        using var notifier = new CoalescingNotifier(() => Interlocked.Increment(ref calls), Interval);

        notifier.Notify();
        await Task.Delay(Interval + TimeSpan.FromMilliseconds(100));
        notifier.Notify();

        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public void A_zero_interval_passes_every_wake_up()
    {
        var calls = 0;
        using var notifier = new CoalescingNotifier(() => calls++, TimeSpan.Zero);

        for (var i = 0; i < 5; i++) notifier.Notify();

        Assert.Equal(5, calls);
    }

    private static async Task WaitForCallsAsync(List<long> calls, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (calls)
            {
                if (calls.Count >= count) return;
            }
            await Task.Delay(10, deadline.Token);
        }
    }
}
