using MassTransit;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>A publish filter that fails every publish while <see cref="Down"/> is set: the broker outage of the
/// in-memory transport.</summary>
public sealed class BrokerSwitch : IFilter<PublishContext>
{
    private int _failures;

    public volatile bool Down;

    public int Failures => Volatile.Read(ref _failures);

    public Task Send(PublishContext context, IPipe<PublishContext> next)
    {
        if (!Down) return next.Send(context);
        Interlocked.Increment(ref _failures);
        throw new InvalidOperationException("broker unreachable (simulated)");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("brokerSwitch");
}
