using Imaging.ServiceDefaults.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Imaging.ServiceDefaults.Health;

/// <summary>Opens (and closes) an AMQP connection to the configured broker: the plain question "can we reach RabbitMQ
/// now", independent of the state MassTransit keeps for its own endpoints.</summary>
public sealed class BrokerConnectivityHealthCheck(MessagingOptions options) : IHealthCheck
{
    /// <summary>How long one probe may take; a health endpoint must answer quickly even when the broker hangs.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Transport == MessagingTransport.InMemory) return HealthCheckResult.Healthy("in-memory bus");
        var address = RabbitMqAddress.Parse(options.RabbitMqUri!);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var factory = address.CreateConnectionFactory("imaging-health", ProbeTimeout);
            // Any node of a cluster will do: that is what the bus itself fails over to.
            var endpoints = options.BrokerNodes().Select(n => new AmqpTcpEndpoint(n.Host, n.Port, factory.Ssl)).ToList();
            await using var connection = await factory.CreateConnectionAsync(endpoints, timeout.Token);
            await IConnectionExtensions.CloseAsync(connection, timeout.Token);
            return HealthCheckResult.Healthy($"broker {address} reachable");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"broker {address} unreachable: {ex.Message}", ex);
        }
    }
}
