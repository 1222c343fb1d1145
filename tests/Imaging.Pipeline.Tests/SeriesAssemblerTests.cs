using System.Diagnostics;
using Imaging.Gateway.Pipeline;
using Imaging.Pipeline.Tests.Support;

namespace Imaging.Pipeline.Tests;

/// <summary>The series assembler against a fake readiness store.</summary>
public sealed class SeriesAssemblerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Completes_a_series_once_its_quiet_deadline_has_passed_and_wakes_the_relay()
    {
        var store = new FakeSeriesReadinessStore();
        var deadline = DateTimeOffset.UtcNow.AddMilliseconds(400);
        store.AddPending("1.2.3.4", deadline);
        var relay = new CountingNotifier();
        var log = new ListLogger<SeriesAssembler>();
        using var assembler = Relays.CreateAssembler(store, relay, log, o => o.MaximumSleep = TimeSpan.FromSeconds(1));

        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.CompletedCount == 1, Timeout, () => log.ToString());
        await assembler.StopAsync(CancellationToken.None);

        var (ready, at) = store.CompletionOf("1.2.3.4");
        Assert.True(at >= deadline, $"completed at {at:O}, before its deadline {deadline:O}");
        Assert.Equal(1, ready.ReadyVersion);
        Assert.True(relay.Count >= 1);
        Assert.True(log.Contains(220), log.ToString());
    }

    [Fact]
    public async Task Sleeps_until_the_next_deadline_rather_than_its_maximum_sleep()
    {
        var store = new FakeSeriesReadinessStore();
        using var assembler = Relays.CreateAssembler(store, new CountingNotifier(), new ListLogger<SeriesAssembler>(),
            o => o.MaximumSleep = TimeSpan.FromMinutes(5));
        var deadline = DateTimeOffset.UtcNow.AddMilliseconds(500);
        store.AddPending("1.2.3.5", deadline);

        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.CompletedCount == 1, Timeout, () => "completed");
        await assembler.StopAsync(CancellationToken.None);

        Assert.True(store.CompletionOf("1.2.3.5").At - deadline < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Wakes_on_Notify_for_a_series_that_became_due_while_it_slept()
    {
        var store = new FakeSeriesReadinessStore();
        using var assembler = Relays.CreateAssembler(store, new CountingNotifier(), new ListLogger<SeriesAssembler>(),
            o => o.MaximumSleep = TimeSpan.FromMinutes(5));
        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.Calls >= 2, Timeout, () => "first look (complete + next deadline)");

        var clock = Stopwatch.StartNew();
        store.AddPending("1.2.3.6", DateTimeOffset.UtcNow);
        assembler.Notify();
        await Eventually.UntilAsync(() => store.CompletedCount == 1, Timeout, () => "completed after Notify");
        await assembler.StopAsync(CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"completed after {clock.Elapsed}; its sleep was 5 minutes");
    }

    [Fact]
    public async Task Completes_more_due_series_than_one_batch_without_sleeping_between_batches()
    {
        var store = new FakeSeriesReadinessStore();
        for (var i = 0; i < 5; i++) store.AddPending($"1.2.4.{i}", DateTimeOffset.UtcNow.AddSeconds(-1));
        using var assembler = Relays.CreateAssembler(store, new CountingNotifier(), new ListLogger<SeriesAssembler>(), o =>
        {
            o.BatchSize = 2;
            o.MaximumSleep = TimeSpan.FromMinutes(5);
        });

        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.CompletedCount == 5, Timeout, () => $"{store.CompletedCount} of 5 completed");
        await assembler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Survives_database_errors_by_backing_off_and_trying_again()
    {
        var store = new FakeSeriesReadinessStore();
        store.AddPending("1.2.3.7", DateTimeOffset.UtcNow);
        store.FailNext(3);
        var log = new ListLogger<SeriesAssembler>();
        using var assembler = Relays.CreateAssembler(store, new CountingNotifier(), log);

        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.CompletedCount == 1, Timeout, () => log.ToString());
        await assembler.StopAsync(CancellationToken.None);

        Assert.Equal(3, log.Entries.Count(e => e.Event.Id == 221));
    }

    [Fact]
    public async Task Stops_promptly_when_cancelled_during_a_long_sleep()
    {
        var store = new FakeSeriesReadinessStore();
        var log = new ListLogger<SeriesAssembler>();
        using var assembler = Relays.CreateAssembler(store, new CountingNotifier(), log, o => o.MaximumSleep = TimeSpan.FromMinutes(5));
        await assembler.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.Calls >= 2, Timeout, () => "first look");

        var clock = Stopwatch.StartNew();
        await assembler.StopAsync(CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {clock.Elapsed}");
        Assert.True(assembler.ExecuteTask!.IsCompletedSuccessfully);
        Assert.True(log.Contains(222), log.ToString());
    }
}
