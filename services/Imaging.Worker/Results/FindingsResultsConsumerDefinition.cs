using MassTransit;
using Microsoft.Extensions.Options;

namespace Imaging.Worker.Results;

/// <summary>The results consumer's queue and retry policy (<see cref="ResultsOptions"/>).</summary>
public sealed class FindingsResultsConsumerDefinition : ConsumerDefinition<FindingsResultsConsumer>
{
    private readonly ResultsOptions _options;

    public FindingsResultsConsumerDefinition(IOptions<ResultsOptions> options)
    {
        _options = options.Value;
        EndpointName = _options.EndpointName;
        // One study's results at a time per worker: sending is network-bound and small.
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FindingsResultsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (_options.RetryIntervals.Count > 0)
            endpointConfigurator.UseMessageRetry(retry => retry.Intervals([.. _options.RetryIntervals]));
    }
}
