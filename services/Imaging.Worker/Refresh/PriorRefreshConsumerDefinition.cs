using MassTransit;

namespace Imaging.Worker.Refresh;

/// <summary>One queue shared by every worker: each FindingsProduced is looked at once.</summary>
public sealed class PriorRefreshConsumerDefinition : ConsumerDefinition<PriorRefreshConsumer>
{
    public const string QueueName = "imaging-prior-refresh";

    public PriorRefreshConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 2;
    }
}
