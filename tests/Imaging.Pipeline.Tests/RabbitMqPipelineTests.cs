using Imaging.Cli;
using Imaging.Contracts;
using Imaging.Gateway.Pipeline;
using Imaging.Pipeline.Tests.Support;
using Imaging.ServiceDefaults.Health;
using Imaging.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.Pipeline.Tests;

/// <summary>The bus, the relay and `imaging admin redrive` against a real, private RabbitMQ node.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqPipelineTests(RabbitMqNode node)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string UniqueQueue(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static SeriesReady Series(string uid) => new("1.2.3", uid, 1, 10, DateTimeOffset.UnixEpoch);

    private Task<TestBus> StartFailingConsumerAsync(string queue, ConsumerProbe probe) =>
        TestBus.StartAsync(node.Options(),
            x => x.AddConsumer<FailingSeriesReadyConsumer>().Endpoint(e => e.Name = queue),
            services => services.AddSingleton(probe));

    private static async Task<CliResult> ImagingAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await ImagingCommand.InvokeAsync(args, output, error, timeout.Token);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Consumer_queues_are_quorum_queues_with_a_delivery_limit_that_dead_letters_into_their_error_queue()
    {
        var queue = UniqueQueue("declared");
        await using (await StartFailingConsumerAsync(queue, new ConsumerProbe()))
        {
            var queues = await node.ListQueuesAsync();
            var main = Assert.Single(queues, q => q.Name == queue);
            Assert.Equal("quorum", main.Type);
            Assert.Equal("3", main.Arguments["x-delivery-limit"]);
            Assert.Equal(queue + "_error", main.Arguments["x-dead-letter-exchange"]);
            // Declared up front (not at the first fault), or RabbitMQ would drop what the delivery limit dead-letters.
            var error = Assert.Single(queues, q => q.Name == queue + "_error");
            Assert.Equal("quorum", error.Type);
            Assert.False(error.Arguments.ContainsKey("x-delivery-limit"));
            Assert.False(error.Arguments.ContainsKey("x-dead-letter-exchange"));
        }
    }

    [Fact]
    public async Task Series_ready_published_before_any_worker_ever_started_waits_in_the_workers_queue()
    {
        var queue = UniqueQueue("early");
        var options = node.Options();

        // A gateway alone: nothing else has declared the worker's queue.
        await using var gateway = await TestBus.StartAsync(options,
            configureBus: (_, bus) => bus.DeclareConsumerQueue<SeriesReady>(options, queue));
        await gateway.Bus.Publish(Series("1.2.3.200"));
        Assert.Equal(1u, await node.CountAsync(queue));

        // The worker's endpoint declares the same queue again: same arguments, or the broker would refuse it.
        var probe = new ConsumerProbe { Fail = false };
        await using var worker = await StartFailingConsumerAsync(queue, probe);
        await Eventually.UntilAsync(() => probe.Received.Count == 1, Timeout, () => $"consumed: {probe.Received.Count}");
        var declared = Assert.Single(await node.ListQueuesAsync(), q => q.Name == queue);
        Assert.Equal("quorum", declared.Type);
        Assert.Equal("3", declared.Arguments["x-delivery-limit"]);
        Assert.Equal(queue + "_error", declared.Arguments["x-dead-letter-exchange"]);

        // Two paths now lead from the message exchange to the queue (the gateway's binding and the endpoint's exchange):
        // RabbitMQ still delivers each message once.
        await gateway.Bus.Publish(Series("1.2.3.201"));
        await Eventually.UntilAsync(() => probe.Received.Count >= 2, Timeout, () => $"consumed: {probe.Received.Count}");
        await worker.Bus.Publish(Series("1.2.3.202"));
        await Eventually.UntilAsync(() => probe.Received.Count >= 3, Timeout, () => $"consumed: {probe.Received.Count}");
        Assert.Equal(0u, await node.CountAsync(queue));
        Assert.Equal([Series("1.2.3.200"), Series("1.2.3.201"), Series("1.2.3.202")], probe.Received.Cast<SeriesReady>().ToArray());
    }

    [Fact]
    public async Task A_queue_that_expires_when_unused_still_dead_letters_into_an_error_queue_that_does_not()
    {
        var queue = UniqueQueue("expiring");
        ExpiringFailingConsumerDefinition.QueueName = queue;
        var probe = new ConsumerProbe();
        await using var bus = await TestBus.StartAsync(node.Options(),
            x => x.AddConsumer<ExpiringFailingConsumer, ExpiringFailingConsumerDefinition>(), services => services.AddSingleton(probe));

        await bus.Bus.Publish(Series("1.2.3.300"));
        await Eventually.UntilAsync(async () => await node.CountAsync(queue + "_error") == 1, Timeout, () => $"in {queue}_error after {probe.Attempts} attempts");

        var queues = await node.ListQueuesAsync();
        Assert.Equal("3600000", Assert.Single(queues, q => q.Name == queue).Arguments["x-expires"]);
        Assert.False(Assert.Single(queues, q => q.Name == queue + "_error").Arguments.ContainsKey("x-expires"));
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_error_queue_after_the_bounded_retries_and_redrive_moves_it_back()
    {
        var queue = UniqueQueue("failing");
        var probe = new ConsumerProbe();
        await using var bus = await StartFailingConsumerAsync(queue, probe);

        await bus.Bus.Publish(Series("1.2.3.100"));
        await Eventually.UntilAsync(async () => await node.CountAsync(queue + "_error") == 1, Timeout, () => $"in {queue}_error after {probe.Attempts} attempts");
        // The first delivery and RetryLimit (2) retries, then MassTransit's fault handling: no more.
        Assert.Equal(3, probe.Attempts);
        Assert.Equal(0u, await node.CountAsync(queue));

        probe.Fail = false;
        var redrive = await ImagingAsync("admin", "redrive", "--rabbitmq", node.Uri.ToString(), "--queue", queue + "_error");

        Assert.True(redrive.ExitCode == 0, redrive.StandardError);
        Assert.Equal($"{queue}_error -> {queue}: 1 moved", redrive.StandardOutput.Trim());
        await Eventually.UntilAsync(() => probe.Attempts == 4, Timeout, () => $"consumed again: {probe.Attempts} attempts");
        Assert.Equal(0u, await node.CountAsync(queue + "_error"));
        Assert.All(probe.Received, m => Assert.Equal(Series("1.2.3.100"), m));
    }

    [Fact]
    public async Task Redrive_all_empties_every_error_queue_the_management_api_lists()
    {
        var first = UniqueQueue("all-a");
        var second = UniqueQueue("all-b");
        var probe = new ConsumerProbe();
        await using (var bus = await TestBus.StartAsync(node.Options(o => o.RetryLimit = 0),
                         x =>
                         {
                             x.AddConsumer<FailingSeriesReadyConsumer>().Endpoint(e => e.Name = first);
                             x.AddConsumer<AnotherFailingSeriesReadyConsumer>().Endpoint(e => e.Name = second);
                         },
                         services => services.AddSingleton(probe)))
        {
            await bus.Bus.Publish(Series("1.2.3.200"));
            await Eventually.UntilAsync(async () => await node.CountAsync(first + "_error") == 1 && await node.CountAsync(second + "_error") == 1,
                Timeout, () => "both in their error queues");
        }
        // An error queue whose source is gone (a removed consumer) is skipped, not a reason to stop.
        var orphan = UniqueQueue("all-orphan") + "_error";
        await DeclareWithOneMessageAsync(orphan);
        // Consumers stopped: what redrive moves stays in the source queues to be counted.
        await using var management = await ManagementApiStub.StartAsync(node);

        var redrive = await ImagingAsync("admin", "redrive", "--rabbitmq", node.Uri.ToString(), "--all", "--management", management.Url);

        Assert.True(redrive.ExitCode == 0, redrive.StandardError);
        Assert.Contains($"{first}_error -> {first}: 1 moved", redrive.StandardOutput);
        Assert.Contains($"{second}_error -> {second}: 1 moved", redrive.StandardOutput);
        Assert.Contains($"{orphan} -> {orphan[..^"_error".Length]}: skipped, {orphan[..^"_error".Length]} does not exist", redrive.StandardOutput);
        Assert.Matches(@"(?m)^\d+ moved from \d+ error queues, \d+ skipped$", redrive.StandardOutput);
        Assert.Equal(1u, await node.CountAsync(orphan));
        Assert.Equal(1u, await node.CountAsync(first));
        Assert.Equal(1u, await node.CountAsync(second));
        Assert.Equal(0u, await node.CountAsync(first + "_error"));
    }

    [Fact]
    public async Task Redrive_fails_with_exit_code_1_and_one_line_when_the_source_queue_does_not_exist_and_keeps_the_message()
    {
        var orphan = UniqueQueue("orphan") + "_error";
        await DeclareWithOneMessageAsync(orphan);

        var redrive = await ImagingAsync("admin", "redrive", "--rabbitmq", node.Uri.ToString(), "--queue", orphan);

        Assert.Equal(1, redrive.ExitCode);
        var line = Assert.Single(redrive.ErrorLines);
        Assert.Contains($"queue '{orphan[..^"_error".Length]}' does not exist", line);
        Assert.Equal(1u, await node.CountAsync(orphan));
    }

    [Fact]
    public async Task Relay_publishes_what_was_stored_while_the_broker_was_down_once_it_is_back()
    {
        var queue = UniqueQueue("outage");
        var probe = new ConsumerProbe();
        await using var bus = await TestBus.StartAsync(node.Options(o => o.BrokerFailureStatus = HealthStatus.Degraded),
            x => x.AddConsumer<RecordingInstanceStoredConsumer>().Endpoint(e => e.Name = queue),
            services => services.AddSingleton(probe));
        var store = new FakeOutboxStore();
        var log = new ListLogger<OutboxRelay>();
        using var relay = Relays.Create(store, bus.Bus, log, o => o.MaximumBackoff = TimeSpan.FromSeconds(1));
        await relay.StartAsync(CancellationToken.None);
        var health = new BrokerConnectivityHealthCheck(node.Options());
        var registration = new HealthCheckContext { Registration = new HealthCheckRegistration("broker", health, HealthStatus.Degraded, null) };
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(registration)).Status);

        await node.StopAsync();
        try
        {
            var message = new InstanceStored("1.2.3", "1.2.3.4", "1.2.3.4.5", "1.2.840.10008.5.1.4.1.1.2", "MODALITY", false, DateTimeOffset.UnixEpoch);
            var id = store.Add(message);
            relay.Notify();
            await Eventually.UntilAsync(() => store.ReleasedIds.Count >= 2, Timeout, () => $"publish attempts while down: {store}\n{log}");
            Assert.Empty(store.PublishedIds);
            Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(registration)).Status);
        }
        finally
        {
            await node.StartAsync();
        }

        await Eventually.UntilAsync(() => store.PublishedIds.Count == 1, TimeSpan.FromSeconds(120), () => $"published after restart: {store}\n{log}");
        await Eventually.UntilAsync(() => probe.Received.Count >= 1, Timeout, () => "consumed after restart");
        await relay.StopAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(registration)).Status);
    }

    private async Task DeclareWithOneMessageAsync(string queue)
    {
        var factory = Imaging.ServiceDefaults.Messaging.RabbitMqAddress.Parse(node.Uri).CreateConnectionFactory("imaging-tests", TimeSpan.FromSeconds(10));
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new RabbitMQ.Client.CreateChannelOptions(true, true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.BasicPublishAsync("", queue, mandatory: true, new RabbitMQ.Client.BasicProperties { Persistent = true }, "{}"u8.ToArray());
    }
}
