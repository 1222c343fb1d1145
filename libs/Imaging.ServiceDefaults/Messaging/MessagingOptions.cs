using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Imaging.ServiceDefaults.Messaging;

/// <summary>The bus, bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>The broker for <see cref="MessagingTransport.RabbitMq"/>: <c>amqp://user:password@host:port/vhost</c>
    /// (<c>amqps</c> for TLS); user and password default to guest, the virtual host to <c>/</c>.</summary>
    public Uri? RabbitMqUri { get; set; }

    /// <summary>Every node of a RabbitMQ cluster, <c>host:port</c> separated by commas (the port defaults to the URI's).
    /// The connection tries the <see cref="RabbitMqUri"/>'s node first, then these in order, and moves on to the next one
    /// when its node goes; user, password, virtual host and TLS come from the URI. Empty: the URI's node only.</summary>
    public string? ClusterNodes { get; set; }

    /// <summary>Quorum (default) or classic queues for the consumer endpoints. Quorum also on a single node: the same
    /// queues then move to a cluster unchanged, and RabbitMQ refuses to redeclare an existing queue with another type.</summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Quorum;

    /// <summary>Deliveries of one message before RabbitMQ dead-letters it into the queue's <c>_error</c> queue
    /// (<c>x-delivery-limit</c>). It catches what the consumer's own retries cannot: a message that crashes or hangs the
    /// worker process, so it is redelivered without ever failing cleanly.</summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>In-process retries of a failing consumer before MassTransit moves the message to <c>_error</c>.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>Wait before the first retry; each later one waits <see cref="RetryIntervalIncrement"/> longer.</summary>
    public TimeSpan RetryInitialInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryIntervalIncrement { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Unacknowledged messages a consumer endpoint holds at once.</summary>
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Messages consumed at once per endpoint; null: as many as <see cref="PrefetchCount"/>.</summary>
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>AMQP heartbeat: how soon a silently dead connection is noticed.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shown in RabbitMQ's connection list (e.g. <c>imaging-gateway@host</c>).</summary>
    public string? ConnectionName { get; set; }

    /// <summary>What the broker health check reports while the broker cannot be reached. Degraded by default: a gateway
    /// keeps accepting instances (its outbox grows) and should stay in its balancer.</summary>
    public HealthStatus BrokerFailureStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>The broker nodes to connect to, in the order to try them: the <see cref="RabbitMqUri"/>'s node, then the
    /// other <see cref="ClusterNodes"/>; empty for the in-memory transport.</summary>
    public IReadOnlyList<(string Host, int Port)> BrokerNodes()
    {
        if (Transport != MessagingTransport.RabbitMq || RabbitMqUri is null) return [];
        var address = RabbitMqAddress.Parse(RabbitMqUri);
        var nodes = new List<(string Host, int Port)> { (address.Host, address.Port) };
        foreach (var node in RabbitMqClusterNodes.Parse(ClusterNodes, address.Port))
            if (!nodes.Any(n => n.Port == node.Port && string.Equals(n.Host, node.Host, StringComparison.OrdinalIgnoreCase))) nodes.Add(node);
        return nodes;
    }

    /// <summary>Every problem with these options, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Transport)) problems.Add($"Messaging:Transport '{Transport}' is not InMemory or RabbitMq");
        if (Transport == MessagingTransport.RabbitMq)
        {
            if (RabbitMqUri is null) problems.Add("Messaging:RabbitMqUri is required for the RabbitMq transport");
            else if (!RabbitMqUri.IsAbsoluteUri || RabbitMqUri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(RabbitMqUri.Host))
                problems.Add($"Messaging:RabbitMqUri '{RabbitMqUri}' is not amqp://host[:port][/vhost] or amqps://...");
        }
        if (!Enum.IsDefined(QueueType)) problems.Add($"Messaging:QueueType '{QueueType}' is not Quorum or Classic");
        try
        {
            RabbitMqClusterNodes.Parse(ClusterNodes, 5672);
        }
        catch (FormatException ex)
        {
            problems.Add(ex.Message);
        }
        if (DeliveryLimit < 1) problems.Add($"Messaging:DeliveryLimit {DeliveryLimit} must be at least 1");
        if (RetryLimit < 0) problems.Add($"Messaging:RetryLimit {RetryLimit} must not be negative");
        if (RetryInitialInterval < TimeSpan.Zero || RetryIntervalIncrement < TimeSpan.Zero) problems.Add("Messaging retry intervals must not be negative");
        if (PrefetchCount < 1) problems.Add($"Messaging:PrefetchCount {PrefetchCount} must be at least 1");
        if (ConcurrentMessageLimit is < 1) problems.Add($"Messaging:ConcurrentMessageLimit {ConcurrentMessageLimit} must be at least 1");
        if (Heartbeat < TimeSpan.Zero) problems.Add("Messaging:Heartbeat must not be negative");
        return problems;
    }
}
