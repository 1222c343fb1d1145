using System.Diagnostics;
using Imaging.Contracts;
using Imaging.Gateway.Pipeline;
using Imaging.Pipeline.Tests.Support;
using Imaging.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.Pipeline.Tests;

/// <summary>The outbox relay against the in-memory bus and a fake outbox store.</summary>
public sealed class OutboxRelayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static InstanceStored Instance(int n) =>
        new("1.2.3", "1.2.3.4", $"1.2.3.4.{n}", "1.2.840.10008.5.1.4.1.1.2", "MODALITY", false, DateTimeOffset.UnixEpoch.AddSeconds(n));

    private static MessagingOptions InMemory => new() { Transport = MessagingTransport.InMemory, RetryLimit = 0 };

    private static Task<TestBus> StartBusAsync(ConsumerProbe probe, BrokerSwitch? broker = null) =>
        TestBus.StartAsync(InMemory,
            x => x.AddConsumer<RecordingInstanceStoredConsumer>(),
            services => services.AddSingleton(probe),
            broker is null ? null : (_, bus) => bus.ConfigurePublish(p => p.UseFilter(broker)));

    [Fact]
    public async Task Publishes_claimed_rows_in_id_order_across_batches_and_marks_them_published()
    {
        var probe = new ConsumerProbe();
        await using var bus = await StartBusAsync(probe);
        var recorder = new PublishRecorder();
        using var observer = bus.Bus.ConnectPublishObserver(recorder);
        var store = new FakeOutboxStore();
        var ids = new List<long>();
        for (var n = 1; n <= 10; n++)
            ids.Add(n % 3 == 0 ? store.Add(new SeriesReady("1.2.3", $"9.{n}", 1, n, DateTimeOffset.UnixEpoch)) : store.Add(Instance(n)));
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log, o => o.BatchSize = 4);

        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 10, Timeout, () => $"all published: {store}\n{log}");
        await relay.StopAsync(CancellationToken.None);

        Assert.Equal(ids, store.PublishedIds);
        Assert.Equal(0, await store.CountPendingAsync(CancellationToken.None));
        var published = recorder.Published.ToList();
        Assert.Equal(10, published.Count);
        for (var i = 0; i < 10; i++)
        {
            var n = i + 1;
            object expected = n % 3 == 0 ? new SeriesReady("1.2.3", $"9.{n}", 1, n, DateTimeOffset.UnixEpoch) : Instance(n);
            Assert.Equal(expected, published[i].Message);
        }
        await Eventually.UntilAsync(() => probe.Received.Count == 7, Timeout, () => $"consumed {probe.Received.Count} of 7");
        Assert.Equal([.. Enumerable.Range(1, 10).Where(n => n % 3 != 0).Select(Instance)], probe.Received.Cast<InstanceStored>().OrderBy(m => m.StoredAt));
    }

    [Fact]
    public async Task Pipelines_publishes_but_never_has_two_ready_versions_of_one_series_in_flight_together()
    {
        var monitor = new InFlightMonitor();
        await using var bus = await TestBus.StartAsync(InMemory, configureBus: (_, b) => b.ConfigurePublish(p => p.UseFilter(monitor)));
        var store = new FakeOutboxStore();
        var ids = new List<long>();
        for (var n = 1; n <= 6; n++) ids.Add(store.Add(Instance(n)));
        // Version 1 and 2 of series 9.1 in one batch, with other rows between them.
        ids.Add(store.Add(new SeriesReady("1.2.3", "9.1", 1, 6, DateTimeOffset.UnixEpoch)));
        ids.Add(store.Add(new SeriesReady("1.2.3", "9.2", 1, 3, DateTimeOffset.UnixEpoch)));
        ids.Add(store.Add(Instance(7)));
        ids.Add(store.Add(new SeriesReady("1.2.3", "9.1", 2, 7, DateTimeOffset.UnixEpoch)));
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log, o => o.MaxInFlight = 16);

        await relay.StartAsync(CancellationToken.None);
        // The first window (everything up to the second version of 9.1) is in flight at once.
        await Eventually.UntilAsync(() => monitor.Entered == 9, Timeout, () => $"entered {monitor.Entered}: {store}\n{log}");
        Assert.Equal(9, monitor.MaximumInFlight);
        monitor.Release();
        await Eventually.UntilAsync(() => store.PublishedIds.Count == ids.Count, Timeout, () => $"all published: {store}\n{log}");
        await relay.StopAsync(CancellationToken.None);

        Assert.Equal(1, monitor.MaximumSameSeriesInFlight);
        Assert.Equal(ids, store.PublishedIds.Order());
    }

    [Fact]
    public async Task Publishes_each_row_under_a_message_id_derived_from_the_row_so_a_republished_row_keeps_it()
    {
        await using var bus = await StartBusAsync(new ConsumerProbe());
        var recorder = new PublishRecorder();
        using var observer = bus.Bus.ConnectPublishObserver(recorder);
        var store = new FakeOutboxStore();
        store.Add(Instance(1));
        var row = (await store.ClaimAsync(1, TimeSpan.Zero, CancellationToken.None)).Single();
        using var relay = Relays.Create(store, bus.Bus, new ListLogger<OutboxRelay>());

        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 1, Timeout, () => store.ToString());
        await relay.StopAsync(CancellationToken.None);

        Assert.Equal(OutboxRelay.MessageIdOf(row), recorder.Published.Single().MessageId);
        Assert.Equal(OutboxRelay.MessageIdOf(row), OutboxRelay.MessageIdOf(row with { Attempts = 3 }));
        Assert.NotEqual(OutboxRelay.MessageIdOf(row), OutboxRelay.MessageIdOf(row with { Id = 2 }));
    }

    [Fact]
    public async Task Leaves_rows_of_unknown_types_and_unreadable_payloads_in_the_outbox_and_publishes_the_others()
    {
        await using var bus = await StartBusAsync(new ConsumerProbe());
        var store = new FakeOutboxStore();
        var first = store.Add(Instance(1));
        var unknown = store.AddRaw("System.IO.FileInfo", """{"originalPath":"/etc/passwd"}""");
        var unreadable = store.AddRaw(typeof(InstanceStored).FullName!, "{not json");
        var last = store.Add(Instance(4));
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log);

        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 2, Timeout, () => store.ToString());

        Assert.Equal([first, last], store.PublishedIds);
        Assert.Equal([unknown, unreadable], store.Snapshot());
        Assert.Empty(store.ReleasedIds);
        Assert.True(log.Contains(200), log.ToString());
        Assert.True(log.Contains(201), log.ToString());
        Assert.False(relay.ExecuteTask!.IsCompleted);
        await relay.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Gives_the_batch_back_while_the_broker_fails_and_publishes_all_of_it_once_the_broker_is_back()
    {
        var broker = new BrokerSwitch { Down = true };
        await using var bus = await StartBusAsync(new ConsumerProbe(), broker);
        var store = new FakeOutboxStore();
        long[] ids = [store.Add(Instance(1)), store.Add(Instance(2)), store.Add(Instance(3))];
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log);

        await relay.StartAsync(CancellationToken.None);
        // Two releases of the whole batch: the relay backed off and tried again, and never marked anything.
        await Eventually.UntilAsync(() => store.ReleasedIds.Count >= 6, Timeout, () => store.ToString());
        Assert.Empty(store.PublishedIds);
        Assert.True(log.Contains(202), log.ToString());

        broker.Down = false;
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 3, Timeout, () => store.ToString());
        await relay.StopAsync(CancellationToken.None);

        // Publishes of one window are in flight together: when the broker returns mid-window, a later row can be confirmed
        // before an earlier one that failed and goes again (consumers do not depend on InstanceStored order).
        Assert.Equal(ids, store.PublishedIds.Order());
        Assert.All(ids, id => Assert.True(store.AttemptsOf(id) >= 2));
    }

    [Fact]
    public async Task Wakes_on_Notify_instead_of_waiting_for_its_poll()
    {
        await using var bus = await StartBusAsync(new ConsumerProbe());
        var store = new FakeOutboxStore();
        using var relay = Relays.Create(store, bus.Bus, new ListLogger<OutboxRelay>(), o => o.PollInterval = TimeSpan.FromMinutes(5));
        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.ClaimCalls >= 1, Timeout, () => "first (empty) claim");

        var clock = Stopwatch.StartNew();
        store.Add(Instance(1));
        relay.Notify();
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 1, Timeout, () => store.ToString());
        clock.Stop();
        await relay.StopAsync(CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"published after {clock.Elapsed}, poll is 5 minutes");
    }

    [Fact]
    public async Task Retries_transient_database_errors_in_place_and_backs_off_after_other_database_errors()
    {
        await using var bus = await StartBusAsync(new ConsumerProbe());
        var store = new FakeOutboxStore();
        store.Add(Instance(1));
        store.FailNext(2, new TestDatabaseException("deadlock", transient: true));
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log);

        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 1, Timeout, () => store.ToString());
        Assert.False(log.Contains(203), log.ToString());

        store.FailNext(3, new TestDatabaseException("relation does not exist", transient: false));
        store.Add(Instance(2));
        relay.Notify();
        await Eventually.UntilAsync(() => store.PublishedIds.Count == 2, Timeout, () => $"{store}\n{log}");
        await relay.StopAsync(CancellationToken.None);

        Assert.Equal(3, log.Entries.Count(e => e.Event.Id == 203));
    }

    [Fact]
    public async Task Stops_promptly_when_cancelled_also_while_backing_off_from_a_broken_broker()
    {
        var broker = new BrokerSwitch { Down = true };
        await using var bus = await StartBusAsync(new ConsumerProbe(), broker);
        var store = new FakeOutboxStore();
        var id = store.Add(Instance(1));
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log, o => o.MaximumBackoff = o.InitialBackoff = TimeSpan.FromMinutes(5));
        await relay.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => store.ReleasedIds.Count >= 1, Timeout, () => store.ToString());

        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await relay.StopAsync(timeout.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {clock.Elapsed}");
        Assert.True(relay.ExecuteTask!.IsCompletedSuccessfully);
        Assert.True(log.Contains(204), log.ToString());
        Assert.Equal([id], store.Snapshot());
    }
}
