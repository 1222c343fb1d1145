using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Imaging.Contracts;
using Imaging.Storage;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Imaging.Gateway.Pipeline;

/// <summary>Publishes outbox rows to the bus: claims a batch, starts publishing its rows in id order with up to
/// <see cref="OutboxRelayOptions.MaxInFlight"/> awaiting the broker's confirmation at once (a publish completes only once
/// the broker confirmed it), then marks what was confirmed published. When the broker fails, the rest of the batch is given
/// back and the relay backs off: the outbox simply grows while RabbitMQ is down and drains when it returns. Rows whose
/// type is not a known contract, or whose payload cannot be read, are logged and left alone (never published, never
/// deleted) for someone to look at. Delivery is at least once: a crash between the confirmation and the mark republishes.</summary>
public sealed partial class OutboxRelay : BackgroundService, IOutboxNotifier
{
    /// <summary>How long giving rows back may take while stopping; past it their leases expire by themselves.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly IOutboxStore _store;
    private readonly IPublishEndpoint _publisher;
    private readonly OutboxRelayOptions _options;
    private readonly ResiliencePipeline _database;
    private readonly ResiliencePipeline _broker;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly TimeProvider _time;
    private readonly WakeSignal _wake = new();

    /// <param name="publisher">The bus (<c>IBus</c>); with RabbitMQ it must have publisher confirms on (ServiceDefaults does).</param>
    /// <param name="database">The "database" pipeline around claim, mark and release.</param>
    /// <param name="broker">The "broker" pipeline around each publish (timeout per attempt, retries, circuit breaker).</param>
    public OutboxRelay(IOutboxStore store, IPublishEndpoint publisher, OutboxRelayOptions options, ResiliencePipeline database,
        ResiliencePipeline broker, ILogger<OutboxRelay> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        _store = store;
        _publisher = publisher;
        _options = options;
        _database = database;
        _broker = broker;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Rows were committed: publish them now rather than at the next poll.</summary>
    public void Notify() => _wake.Set();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first round may wait on a database or broker that is down.
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            RoundOutcome outcome;
            try
            {
                outcome = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                DatabaseFailed(_logger, ex);
                outcome = RoundOutcome.Failed;
            }

            try
            {
                switch (outcome)
                {
                    case RoundOutcome.MoreWaiting:
                        failures = 0;
                        break;
                    case RoundOutcome.Idle:
                        failures = 0;
                        await _wake.WaitAsync(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                        break;
                    default:
                        // Not woken by Notify: every stored instance would otherwise hammer the broken broker or database.
                        failures++;
                        await Task.Delay(Backoff.Delay(failures, _options.InitialBackoff, _options.MaximumBackoff), _time, stoppingToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        Stopped(_logger);
    }

    /// <summary>One claim-publish-mark round.</summary>
    private async Task<RoundOutcome> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await _database.ExecuteAsync(
            static async (state, token) => await state._store.ClaimAsync(state._options.BatchSize, state._options.Lease, token).ConfigureAwait(false),
            this, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0) return RoundOutcome.Idle;

        using var activity = PipelineTelemetry.ActivitySource.StartActivity("outbox relay");
        activity?.SetTag("imaging.outbox.claimed", batch.Count);
        var published = new List<long>(batch.Count);
        var window = new List<(OutboxMessage Row, object Message, Type Type)>(Math.Min(batch.Count, _options.MaxInFlight));
        var seriesInWindow = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        while (next < batch.Count)
        {
            window.Clear();
            seriesInWindow.Clear();
            while (next < batch.Count && window.Count < _options.MaxInFlight)
            {
                var row = batch[next];
                if (!TryRead(row, out var message, out var type))
                {
                    next++;
                    continue;
                }
                // A newer ready version of the same series waits for the next window: the worker sees versions in order.
                if (message is SeriesReady ready && !seriesInWindow.Add(ready.SeriesInstanceUid)) break;
                window.Add((row, message, type));
                next++;
            }

            var publishes = new Task[window.Count];
            for (var j = 0; j < window.Count; j++)
                publishes[j] = PublishAsync(window[j].Row, window[j].Message, window[j].Type, cancellationToken);
            try
            {
                await Task.WhenAll(publishes).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Keep what the broker confirmed; give back the rest of the window and everything after it.
                var unsent = new List<long>();
                (OutboxMessage Row, Exception Error)? firstFailure = null;
                for (var j = 0; j < window.Count; j++)
                {
                    if (publishes[j].IsCompletedSuccessfully)
                    {
                        Confirmed(window[j].Row, published);
                        continue;
                    }
                    unsent.Add(window[j].Row.Id);
                    firstFailure ??= (window[j].Row, publishes[j].Exception?.GetBaseException() ?? new OperationCanceledException());
                }
                unsent.AddRange(Unsent(batch, next));
                var stopping = cancellationToken.IsCancellationRequested;
                if (!stopping)
                {
                    PublishFailed(_logger, firstFailure!.Value.Row.Id, firstFailure.Value.Row.MessageType, unsent.Count, firstFailure.Value.Error);
                    PipelineTelemetry.PublishFailures.Add(1);
                    activity?.SetStatus(ActivityStatusCode.Error, firstFailure.Value.Error.Message);
                }
                await SettleAsync(published, unsent, stopping, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return RoundOutcome.Failed;
            }
            foreach (var entry in window) Confirmed(entry.Row, published);
        }
        await SettleAsync(published, [], stopping: false, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("imaging.outbox.published", published.Count);
        // A full batch means more rows are probably waiting: go again at once.
        return batch.Count >= _options.BatchSize ? RoundOutcome.MoreWaiting : RoundOutcome.Idle;
    }

    private void Confirmed(OutboxMessage row, List<long> published)
    {
        published.Add(row.Id);
        PipelineTelemetry.Published.Add(1);
        PipelineTelemetry.OutboxDelay.Record((_time.GetUtcNow() - row.CreatedAt).TotalMilliseconds);
    }

    private async Task PublishAsync(OutboxMessage row, object message, Type type, CancellationToken cancellationToken)
    {
        var messageId = MessageIdOf(row);
        using var activity = StartPublishActivity(row, type);
        await _broker.ExecuteAsync(static async (state, token) =>
        {
            var (publisher, message, type, messageId) = state;
            await publisher.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = messageId), token).ConfigureAwait(false);
        }, (_publisher, message, type, messageId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row's publish span (MassTransit's own send span, and so the consumer, become its children): it continues
    /// the trace of the span that wrote the row (an instance's index commit), or, for a SeriesReady written by the assembler,
    /// starts a trace of its own linked to the newest instances' traces; a series has many parents, not one.</summary>
    private static Activity? StartPublishActivity(OutboxMessage row, Type type)
    {
        var links = OutboxTraceContext.ParseLinks(row.TraceLinks);
        var hasParent = OutboxTraceContext.TryParse(row.TraceParent, out var parent);
        if (hasParent || links.Count > 0) Activity.Current = null;
        var activity = PipelineTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, parent,
            links: links.Count == 0 ? null : links.Select(static context => new ActivityLink(context)));
        activity?.SetTag("imaging.outbox.id", row.Id);
        activity?.SetTag("messaging.message.type", type.Name);
        activity?.SetTag("imaging.trace.links", links.Count);
        return activity;
    }

    /// <summary>Marks what the broker confirmed and gives back what it did not. While stopping this still runs, briefly,
    /// without the stopping token: a confirmed row left unmarked would be published twice.</summary>
    private async Task SettleAsync(List<long> published, List<long> unsent, bool stopping, CancellationToken cancellationToken)
    {
        using var grace = stopping ? new CancellationTokenSource(ShutdownGrace) : null;
        var token = grace?.Token ?? cancellationToken;
        if (published.Count > 0)
            await _database.ExecuteAsync(static async (state, t) => await state.store.MarkPublishedAsync(state.published, t).ConfigureAwait(false),
                (store: _store, published), token).ConfigureAwait(false);
        if (unsent.Count > 0)
            await _database.ExecuteAsync(static async (state, t) => await state.store.ReleaseAsync(state.unsent, t).ConfigureAwait(false),
                (store: _store, unsent), token).ConfigureAwait(false);
    }

    /// <summary>The rows from <paramref name="start"/> on that can be published (unknown ones stay leased, untouched).</summary>
    private static List<long> Unsent(IReadOnlyList<OutboxMessage> batch, int start)
    {
        var ids = new List<long>(batch.Count - start);
        for (var i = start; i < batch.Count; i++)
        {
            if (ContractTypes.TryResolve(batch[i].MessageType, out _)) ids.Add(batch[i].Id);
        }
        return ids;
    }

    private bool TryRead(OutboxMessage row, out object message, out Type type)
    {
        message = null!;
        if (!ContractTypes.TryResolve(row.MessageType, out type!))
        {
            UnknownMessageType(_logger, row.Id, row.MessageType);
            PipelineTelemetry.Unpublishable.Add(1);
            return false;
        }
        try
        {
            message = JsonSerializer.Deserialize(row.Payload, type, JsonSerializerOptions.Web)
                ?? throw new JsonException("the payload is JSON null");
            return true;
        }
        catch (JsonException ex)
        {
            UnreadablePayload(_logger, row.Id, row.MessageType, ex.Message);
            PipelineTelemetry.Unpublishable.Add(1);
            return false;
        }
    }

    /// <summary>The same row always gets the same message id, so a republished row (after a crash between the broker's
    /// confirmation and the mark) can be recognised as a duplicate downstream.</summary>
    internal static Guid MessageIdOf(OutboxMessage row)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, row.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], row.Id);
        return new Guid(bytes, bigEndian: true);
    }

    private enum RoundOutcome
    {
        Idle,
        MoreWaiting,
        Failed,
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
        Message = "Outbox row {OutboxId} has message type {MessageType}, which is not a known contract; left in the outbox")]
    private static partial void UnknownMessageType(ILogger logger, long outboxId, string messageType);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
        Message = "Outbox row {OutboxId} ({MessageType}) has an unreadable payload ({Reason}); left in the outbox")]
    private static partial void UnreadablePayload(ILogger logger, long outboxId, string messageType, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning,
        Message = "Publishing outbox row {OutboxId} ({MessageType}) failed; {Remaining} rows given back, backing off")]
    private static partial void PublishFailed(ILogger logger, long outboxId, string messageType, int remaining, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Outbox relay: database call failed; backing off")]
    private static partial void DatabaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Outbox relay stopped")]
    private static partial void Stopped(ILogger logger);
}
