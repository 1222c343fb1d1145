using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Pipeline;

/// <summary>Reads the outbox backlog every <see cref="Interval"/> for the <c>imaging.outbox.backlog</c> and
/// <c>imaging.outbox.lag</c> gauges: an observable gauge's callback is synchronous and runs on the exporter's thread, so it
/// reports the last sample instead of querying the database itself.</summary>
public sealed partial class OutboxBacklogSampler(IOutboxBacklog store, ILogger<OutboxBacklogSampler> logger, TimeProvider? timeProvider = null)
    : BackgroundService
{
    /// <summary>Between samples; a collector usually scrapes every 15-60 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await SampleOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One sample into <see cref="PipelineTelemetry"/>; a failed read leaves the gauges without a value (absent, not
    /// stale) until the next success.</summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(QueryTimeout);
        try
        {
            var backlog = await store.GetOutboxBacklogAsync(timeout.Token).ConfigureAwait(false);
            var lag = backlog.OldestCreatedAt is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0;
            PipelineTelemetry.SetBacklog(backlog.Pending, lag);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            PipelineTelemetry.ClearBacklog();
            SampleFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 230, Level = LogLevel.Debug, Message = "Outbox backlog sample failed: {Reason}")]
    private static partial void SampleFailed(ILogger logger, string reason);
}
