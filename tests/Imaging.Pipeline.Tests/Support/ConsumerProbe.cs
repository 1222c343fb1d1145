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
