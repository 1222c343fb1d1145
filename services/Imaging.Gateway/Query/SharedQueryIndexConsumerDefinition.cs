using System.Text;
using MassTransit;

namespace Imaging.Gateway.Query;

/// <summary>One queue per gateway (named after its host and DICOM port), so every gateway sees every InstanceStored;
/// RabbitMQ deletes the queue of a gateway that has been gone for a day.</summary>
public sealed class SharedQueryIndexConsumerDefinition : ConsumerDefinition<SharedQueryIndexConsumer>
{
    /// <summary>How long the queue of a gateway that stopped consuming survives: long enough for a restart or an upgrade,
    /// short enough that a decommissioned gateway does not leave a queue growing for ever.</summary>
    public static readonly TimeSpan UnusedQueueExpiry = TimeSpan.FromDays(1);

    public SharedQueryIndexConsumerDefinition(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EndpointName = QueueName(Environment.MachineName, options.Port);
        // Header reads from a shared folder: a few at once, not one per CPU-bound consumer slot.
        ConcurrentMessageLimit = 4;
    }

    /// <summary>imaging-query-index-HOST-PORT, with the host reduced to the characters a queue name may carry.</summary>
    public static string QueueName(string host, int port)
    {
        var name = new StringBuilder("imaging-query-index-");
        foreach (var c in host.ToLowerInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        return name.Append('-').Append(port).ToString();
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SharedQueryIndexConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQueueArgument("x-expires", (long)UnusedQueueExpiry.TotalMilliseconds);
    }
}
