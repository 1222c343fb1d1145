using MassTransit;

namespace Imaging.Gateway.Priors;

/// <summary>One queue shared by every gateway (competing consumers): each SeriesReady is looked at once.</summary>
public sealed class PriorsTriggerConsumerDefinition : ConsumerDefinition<PriorsTriggerConsumer>
{
    public const string QueueName = "imaging-priors";

    public PriorsTriggerConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 4;
    }
}
