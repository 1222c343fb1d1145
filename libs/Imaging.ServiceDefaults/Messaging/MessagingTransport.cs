namespace Imaging.ServiceDefaults.Messaging;

/// <summary>Which bus carries the pipeline's messages.</summary>
public enum MessagingTransport
{
    /// <summary>MassTransit's in-memory transport: the embedded default, one process, nothing to install.</summary>
    InMemory,

    /// <summary>RabbitMQ: durable quorum queues shared by several gateways and workers.</summary>
    RabbitMq,
}
