using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Imaging.ServiceDefaults.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Imaging.ServiceDefaults.Telemetry;

/// <summary>The <c>imaging.bus.queue.depth</c> gauge (meter <c>Imaging.Bus</c>): messages ready in each named RabbitMQ queue,
/// read with a passive queue declare (plain AMQP: no management plugin, no extra credentials). One connection is kept and
/// reopened after a failure. With the in-memory bus there is no queue to ask: MassTransit's own meter (exported too) has the
/// in-flight counts there.</summary>
public sealed partial class QueueDepthSampler : BackgroundService
{
    public const string MeterName = "Imaging.Bus";

    /// <summary>Between samples.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly Meter Meter = new(MeterName);

    // Last depth per queue; a queue whose read failed is removed (no value rather than a stale one).
    private static readonly ConcurrentDictionary<string, long> Depths = new(StringComparer.Ordinal);

    private static readonly ObservableGauge<long> DepthGauge = Meter.CreateObservableGauge("imaging.bus.queue.depth",
        () => Depths.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("queue", pair.Key))).ToArray(),
        "{message}", "Messages ready (not yet delivered) in the queue.");

    private readonly MessagingOptions _options;
    private readonly IReadOnlyList<string> _queues;
    private readonly ILogger<QueueDepthSampler> _logger;
    private IConnection? _connection;

    /// <param name="queues">Queue names to watch (the workers' SeriesReady queue, ...).</param>
    public QueueDepthSampler(MessagingOptions options, IReadOnlyList<string> queues, ILogger<QueueDepthSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queues);
        _options = options;
        _queues = queues;
        _logger = logger;
        GC.KeepAlive(DepthGauge);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Transport != MessagingTransport.RabbitMq || _queues.Count == 0) return;
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SampleOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Health.BrokerConnectivityHealthCheck.ProbeTimeout);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
                var factory = RabbitMqAddress.Parse(_options.RabbitMqUri!).CreateConnectionFactory("imaging-queue-depth", Health.BrokerConnectivityHealthCheck.ProbeTimeout);
                _connection = await factory.CreateConnectionAsync(timeout.Token).ConfigureAwait(false);
            }
            foreach (var queue in _queues)
            {
                // A passive declare of a missing queue closes the channel: one channel per queue keeps the others readable.
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
                try
                {
                    var declared = await channel.QueueDeclarePassiveAsync(queue, timeout.Token).ConfigureAwait(false);
                    Depths[queue] = declared.MessageCount;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    Depths.TryRemove(queue, out _);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Depths.Clear();
            SampleFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "Queue depth sample failed: {Reason}")]
    private static partial void SampleFailed(ILogger logger, string reason);
}
