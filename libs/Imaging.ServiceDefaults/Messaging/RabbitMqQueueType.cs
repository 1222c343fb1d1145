namespace Imaging.ServiceDefaults.Messaging;

/// <summary>The kind of queue the consumer endpoints declare on RabbitMQ (<c>Messaging:QueueType</c>).</summary>
public enum RabbitMqQueueType
{
    /// <summary>Replicated Raft queues (RabbitMQ 3.8+): survive the loss of a minority of cluster nodes, and carry the
    /// <c>x-delivery-limit</c> that stops a poison message. The default, on one node as on a cluster.</summary>
    Quorum,

    /// <summary>Classic queues, for brokers older than 3.8 or whose operators forbid quorum queues. A classic queue lives
    /// on one node only and has no delivery limit: a message that crashes its consumer is redelivered for ever.</summary>
    Classic,
}
