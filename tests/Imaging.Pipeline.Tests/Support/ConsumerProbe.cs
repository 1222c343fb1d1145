using System.Collections.Concurrent;
using Imaging.Contracts;
using MassTransit;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>What the test consumers saw: every attempt, and whether they should fail.</summary>
public sealed class ConsumerProbe
{
    public ConcurrentQueue<object> Received { get; } = new();

    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>While true the failing consumer throws.</summary>
    public volatile bool Fail = true;

    public void Record(object message)
    {
        Interlocked.Increment(ref _attempts);
        Received.Enqueue(message);
    }
}

/// <summary>Records every InstanceStored.</summary>
public sealed class RecordingInstanceStoredConsumer(ConsumerProbe probe) : IConsumer<InstanceStored>
{
    public Task Consume(ConsumeContext<InstanceStored> context)
    {
        probe.Record(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Throws on every SeriesReady while <see cref="ConsumerProbe.Fail"/> is set, as a broken analyzer would.</summary>
public sealed class FailingSeriesReadyConsumer(ConsumerProbe probe) : IConsumer<SeriesReady>
{
    public Task Consume(ConsumeContext<SeriesReady> context)
    {
        probe.Record(context.Message);
        if (probe.Fail) throw new InvalidOperationException($"analysis of {context.Message.SeriesInstanceUid} failed");
        return Task.CompletedTask;
    }
}

/// <summary>A second failing consumer: MassTransit registers a consumer type once, so a second queue needs a second type.</summary>
public sealed class AnotherFailingSeriesReadyConsumer(ConsumerProbe probe) : IConsumer<SeriesReady>
{
    public Task Consume(ConsumeContext<SeriesReady> context)
    {
        probe.Record(context.Message);
        if (probe.Fail) throw new InvalidOperationException($"analysis of {context.Message.SeriesInstanceUid} failed");
        return Task.CompletedTask;
    }
}

/// <summary>A failing consumer whose queue expires when unused, like each gateway's query-index queue: its error queue
/// must still be declared without the expiry (MassTransit copies the source queue's arguments).</summary>
public sealed class ExpiringFailingConsumer(ConsumerProbe probe) : IConsumer<SeriesReady>
{
    public Task Consume(ConsumeContext<SeriesReady> context)
    {
        probe.Record(context.Message);
        throw new InvalidOperationException($"analysis of {context.Message.SeriesInstanceUid} failed");
    }
}

/// <summary>Puts <see cref="ExpiringFailingConsumer"/> on <see cref="QueueName"/> with an <c>x-expires</c> argument.</summary>
public sealed class ExpiringFailingConsumerDefinition : ConsumerDefinition<ExpiringFailingConsumer>
{
    public static string QueueName { get; set; } = "expiring";

    public ExpiringFailingConsumerDefinition() => EndpointName = QueueName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ExpiringFailingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQueueArgument("x-expires", 3_600_000L);
    }
}
