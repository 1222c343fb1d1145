using Imaging.ServiceDefaults.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Imaging.Cli.Admin;

/// <summary>Moves messages from a <c>QUEUE_error</c> queue back into <c>QUEUE</c>, one at a time: get (unacknowledged),
/// publish to the source queue and wait for the broker's confirmation, then acknowledge. Stopped at any point, nothing is
/// lost: an unacknowledged message returns to the error queue (at worst it is then in both, and consumers are idempotent).</summary>
internal sealed class ErrorQueueRedriver : IAsyncDisposable
{
    private const string ErrorSuffix = "_error";

    private readonly IConnection _connection;

    private ErrorQueueRedriver(IConnection connection) => _connection = connection;

    public static async Task<ErrorQueueRedriver> ConnectAsync(RabbitMqAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return new ErrorQueueRedriver(await address.CreateConnectionFactory("imaging-admin-redrive", timeout).CreateConnectionAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException)
        {
            throw new RedriveException($"cannot connect to {address}: {Innermost(ex).Message}", ex);
        }
    }

    /// <summary>The queue an error queue's messages came from, or null when <paramref name="errorQueue"/> is not one.</summary>
    public static string? SourceQueueOf(string errorQueue) =>
        errorQueue.Length > ErrorSuffix.Length && errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? errorQueue[..^ErrorSuffix.Length] : null;

    /// <summary>Moves what <paramref name="errorQueue"/> holds when the call starts (not more: a message that fails again
    /// while we work must not be moved round in circles). Returns how many were moved; a failure midway throws a
    /// <see cref="RedriveException"/> whose message gives the count moved so far.</summary>
    public async Task<int> RedriveAsync(string errorQueue, CancellationToken cancellationToken)
    {
        var source = SourceQueueOf(errorQueue) ?? throw new ArgumentException($"'{errorQueue}' does not end in {ErrorSuffix}", nameof(errorQueue));
        // A channel per queue: the broker closes a channel on any error (a missing queue), and the next queue must not
        // inherit that. Confirms on, so every publish returns only once the broker has the message.
        await using var channel = await OpenChannelAsync(cancellationToken);
        var waiting = await CountAsync(channel, errorQueue, cancellationToken);
        // Published to the default exchange straight into the source queue: it must exist, and "mandatory" makes the
        // broker say so rather than drop the message, should it be deleted while we work.
        await CountAsync(channel, source, cancellationToken);

        var count = 0;
        while (count < waiting)
        {
            BasicGetResult? message;
            try
            {
                message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
                if (message is null) break;
                var properties = new BasicProperties(message.BasicProperties);
                await channel.BasicPublishAsync(exchange: "", routingKey: source, mandatory: true, properties, message.Body.ToArray(), cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            }
            catch (PublishException ex)
            {
                throw new RedriveException(ex.IsReturn
                    ? $"the broker could not route a message to {source} (is the queue still there?); {count} moved, the rest left in {errorQueue}"
                    : $"the broker refused a message for {source}; {count} moved, the rest left in {errorQueue}", ex);
            }
            catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or IOException)
            {
                throw new RedriveException($"connection lost after {count} moved from {errorQueue}: {Innermost(ex).Message}", ex);
            }
            count++;
        }
        return count;
    }

    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or IOException)
        {
            throw new RedriveException($"cannot open a channel: {Innermost(ex).Message}", ex);
        }
    }

    /// <summary>Messages ready in <paramref name="queue"/>; fails when it does not exist.</summary>
    private static async Task<uint> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex)
        {
            if (ex.ShutdownReason?.ReplyCode == 404) throw new MissingQueueException(queue, ex);
            throw new RedriveException($"cannot inspect queue '{queue}': {ex.Message}", ex);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or IOException)
        {
            // Already broken; the redrive result (or its error) has been reported.
        }
    }
}
