using MassTransit;
using Microsoft.Extensions.Options;

namespace Imaging.Worker;

/// <summary>The worker's queue, concurrency and retry policy (<see cref="WorkerOptions"/>). Retries re-run the whole series;
/// findings already stored are not stored or announced again.</summary>
public sealed class SeriesReadyConsumerDefinition : ConsumerDefinition<SeriesReadyConsumer>
{
    private readonly WorkerOptions _options;

    public SeriesReadyConsumerDefinition(IOptions<WorkerOptions> options)
    {
        _options = options.Value;
        EndpointName = _options.EndpointName;
        ConcurrentMessageLimit = _options.ConcurrentSeries;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SeriesReadyConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (_options.RetryIntervals.Count > 0)
            endpointConfigurator.UseMessageRetry(retry => retry.Intervals([.. _options.RetryIntervals]));
    }
}
