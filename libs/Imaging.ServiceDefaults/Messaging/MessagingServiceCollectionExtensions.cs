using Imaging.ServiceDefaults.Health;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Imaging.ServiceDefaults.Messaging;

/// <summary>Configures MassTransit the one way all services use it.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The <see cref="MessagingOptions"/> in the <c>Messaging</c> section of <paramref name="configuration"/>.</summary>
    public static MessagingOptions ReadMessagingOptions(this IConfiguration configuration)
    {
        var options = new MessagingOptions();
        configuration.GetSection(MessagingOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>Adds the bus: in-memory, or RabbitMQ (one node or a cluster, <see cref="MessagingOptions.ClusterNodes"/>) with
    /// durable quorum queues (or classic ones, <see cref="MessagingOptions.QueueType"/>), an explicit delivery limit that
    /// dead-letters into the queue's <c>_error</c> queue, bounded in-process retries, and publisher confirms (a publish
    /// completes only once the broker has the message). A consumer that still fails after its retries ends in
    /// <c>QUEUE_error</c> (MassTransit's fault handling), from where <c>imaging admin redrive</c> moves it back.
    /// Also registers the "broker" health check (tag <c>ready</c>) and the options instance.</summary>
    /// <param name="consumers">Adds the service's consumers (<c>x.AddConsumer&lt;T&gt;()</c>); each gets a queue named
    /// after it in kebab case. Consumers stay thin: they call into a service and let exceptions escape.</param>
    /// <param name="configureBus">Extra bus-wide setup after ours (publish/consume filters, observers).</param>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem.</exception>
    public static IServiceCollection AddImagingMessaging(this IServiceCollection services, MessagingOptions options,
        Action<IBusRegistrationConfigurator>? consumers = null, Action<IBusRegistrationContext, IBusFactoryConfigurator>? configureBus = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));

        services.AddSingleton(options);
        services.AddHealthChecks().AddCheck<BrokerConnectivityHealthCheck>("broker", options.BrokerFailureStatus, ["ready", "broker"]);
        services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            // Never hold the host's start-up for the broker: a gateway must accept DICOM (its outbox grows) while
            // RabbitMQ is down, and the bus connects by itself once it is back.
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "bus";
                health.Tags.Add("ready");
                health.MinimalFailureStatus = options.BrokerFailureStatus;
            });
            consumers?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, name, endpoint) => ConfigureEndpoint(options, name, endpoint));

            switch (options.Transport)
            {
                case MessagingTransport.RabbitMq:
                    x.UsingRabbitMq((context, bus) =>
                    {
                        ConfigureRabbitMq(options, bus);
                        configureBus?.Invoke(context, bus);
                        bus.ConfigureEndpoints(context);
                    });
                    break;
                default:
                    x.UsingInMemory((context, bus) =>
                    {
                        configureBus?.Invoke(context, bus);
                        bus.ConfigureEndpoints(context);
                    });
                    break;
            }
        });
        return services;
    }

    /// <summary>What every consumer endpoint gets, on either transport.</summary>
    private static void ConfigureEndpoint(MessagingOptions options, string queueName, IReceiveEndpointConfigurator endpoint)
    {
        if (options.RetryLimit > 0)
            endpoint.UseMessageRetry(retry => retry.Incremental(options.RetryLimit, options.RetryInitialInterval, options.RetryIntervalIncrement));
        endpoint.PrefetchCount = options.PrefetchCount;
        if (options.ConcurrentMessageLimit is { } limit) endpoint.ConcurrentMessageLimit = limit;

        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            if (options.QueueType == RabbitMqQueueType.Quorum)
            {
                rabbit.SetQuorumQueue();
                rabbit.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
            }
            // Dead-letter into MassTransit's own error exchange/queue, declared now (MassTransit would only declare it at
            // the first fault, and RabbitMQ drops what it dead-letters to an exchange that does not exist). Declared as
            // MassTransit will declare it later: quorum, without the delivery limit and dead-lettering (see ErrorSettings).
            var errorQueue = ErrorQueueName(queueName);
            rabbit.BindDeadLetterQueue(errorQueue, errorQueue, queue =>
            {
                if (options.QueueType == RabbitMqQueueType.Quorum) queue.SetQuorumQueue();
            });
        }
    }

    private static void ConfigureRabbitMq(MessagingOptions options, IRabbitMqBusFactoryConfigurator bus)
    {
        var address = RabbitMqAddress.Parse(options.RabbitMqUri!);
        bus.Host(address.Host, (ushort)address.Port, address.VirtualHost, options.ConnectionName ?? "imaging", host =>
        {
            host.Username(address.UserName);
            host.Password(address.Password);
            host.PublisherConfirmation = true;
            host.Heartbeat(options.Heartbeat);
            host.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
            if (address.UseTls) host.UseSsl(ssl => ssl.ServerName = address.Host);
            var nodes = options.BrokerNodes();
            // With a cluster the connection goes to the first node that answers, in this order, and on to the next when
            // the connection drops: the URI's node first, so each process can be pointed at a different one.
            if (nodes.Count > 1)
                host.UseCluster(cluster =>
                {
                    foreach (var (nodeHost, nodePort) in nodes)
                        cluster.Node(nodeHost.Contains(':', StringComparison.Ordinal) ? $"[{nodeHost}]:{nodePort}" : $"{nodeHost}:{nodePort}");
                });
        });
        // MassTransit copies the source queue's arguments onto QUEUE_error; a delivery limit and a dead-letter exchange
        // pointing at itself make no sense there. It stays a quorum queue: faulted messages are as durable as the rest.
        bus.SendTopology.ConfigureErrorSettings = error =>
        {
            error.SetQueueArgument("x-delivery-limit", null!);
            error.SetQueueArgument("x-dead-letter-exchange", null!);
            // Nor an expiry: an error queue is declared up front without one (ConfigureEndpoint), and must outlive its source.
            error.SetQueueArgument("x-expires", null!);
        };
    }

    /// <summary>On RabbitMQ, makes every publish of <typeparamref name="T"/> also declare the queue its consumer reads
    /// (<paramref name="queueName"/>, bound to the message type's exchange), with the arguments that consumer's
    /// endpoint declares it with. Without this RabbitMQ drops what is published before any consumer started once: a
    /// gateway that comes up before its workers would lose its first series. The arguments must equal the endpoint's
    /// (<see cref="ConfigureEndpoint"/>), or the second declaration fails with PRECONDITION_FAILED.</summary>
    public static void DeclareConsumerQueue<T>(this IBusFactoryConfigurator bus, MessagingOptions options, string queueName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        if (bus is not IRabbitMqBusFactoryConfigurator rabbit) return;
        // Bound straight to the message type's exchange: MassTransit's BindQueue declares the exchange it is given and the
        // queue but does not bind a new exchange to the message exchange. The consumer's endpoint adds its own path
        // (message exchange -> endpoint exchange -> queue); RabbitMQ delivers a message once per queue, however many
        // bindings lead there.
        var messageExchange = rabbit.MessageTopology.GetMessageTopology<T>().EntityName;
        rabbit.Publish<T>(publish => publish.BindQueue(messageExchange, queueName, queue =>
        {
            if (options.QueueType == RabbitMqQueueType.Quorum)
            {
                queue.SetQuorumQueue();
                queue.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
            }
            queue.SetQueueArgument("x-dead-letter-exchange", ErrorQueueName(queueName));
        }));
    }

    /// <summary>MassTransit's name for a queue's error queue.</summary>
    public static string ErrorQueueName(string queueName) => queueName + "_error";
}
