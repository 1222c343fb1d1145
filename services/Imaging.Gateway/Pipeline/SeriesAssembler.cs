using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Imaging.Gateway.Pipeline;

/// <summary>Turns quiet series into <see cref="Imaging.Contracts.SeriesReady"/>: sleeps until the earliest pending
/// deadline (never longer than <see cref="SeriesAssemblerOptions.MaximumSleep"/>, and woken early by <see cref="Notify"/>),
/// completes every due series (the store adds their outbox rows in the same transaction), then wakes the outbox relay.
/// The state is the database's, so a restart or a second gateway changes nothing; the store guarantees that concurrent
/// assemblers never complete the same series twice.</summary>
public sealed partial class SeriesAssembler : BackgroundService
{
    /// <summary>Shortest sleep when a deadline is already due but nothing was completed (another gateway got there first,
    /// or clocks differ slightly): a pause instead of a busy loop.</summary>
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(10);

    private readonly ISeriesReadinessStore _store;
    private readonly IOutboxNotifier _outbox;
    private readonly SeriesAssemblerOptions _options;
    private readonly ResiliencePipeline _database;
    private readonly ILogger<SeriesAssembler> _logger;
    private readonly TimeProvider _time;
    private readonly WakeSignal _wake = new();

    /// <param name="outbox">Woken after every completion, so SeriesReady is published without waiting for its poll.</param>
    /// <param name="database">The "database" pipeline around every store call.</param>
    public SeriesAssembler(ISeriesReadinessStore store, IOutboxNotifier outbox, SeriesAssemblerOptions options, ResiliencePipeline database,
        ILogger<SeriesAssembler> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        _store = store;
        _outbox = outbox;
        _options = options;
        _database = database;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A deadline may have changed (an instance was recorded): look again now.</summary>
    public void Notify() => _wake.Set();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await CompleteDueAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                DatabaseFailed(_logger, ex);
                sleep = Backoff.Delay(failures, _options.InitialBackoff, _options.MaximumBackoff);
            }

            try
            {
                if (failures > 0) await Task.Delay(sleep, _time, stoppingToken).ConfigureAwait(false);
                else if (sleep > TimeSpan.Zero) await _wake.WaitAsync(sleep, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        Stopped(_logger);
    }

    /// <summary>Completes what is due; returns how long to sleep before looking again (zero: look again at once).</summary>
    private async Task<TimeSpan> CompleteDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var completed = await _database.ExecuteAsync(
            static async (state, token) => await state.Self._store.CompleteDueSeriesAsync(state.now, state.Self._options.BatchSize, token).ConfigureAwait(false),
            (Self: this, now), cancellationToken).ConfigureAwait(false);
        if (completed.Count > 0)
        {
            _outbox.Notify();
            PipelineTelemetry.SeriesReady.Add(completed.Count);
            foreach (var series in completed)
                SeriesCompleted(_logger, series.SeriesInstanceUid, series.ReadyVersion, series.InstanceCount);
            // A full batch: more series are probably due right now.
            if (completed.Count >= _options.BatchSize) return TimeSpan.Zero;
        }

        var next = await _database.ExecuteAsync(
            static async (store, token) => await store.NextDeadlineAsync(token).ConfigureAwait(false),
            _store, cancellationToken).ConfigureAwait(false);
        if (next is null) return _options.MaximumSleep;
        var untilDue = next.Value - _time.GetUtcNow();
        return untilDue < MinimumSleep ? MinimumSleep : untilDue > _options.MaximumSleep ? _options.MaximumSleep : untilDue;
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information,
        Message = "Series {SeriesInstanceUid} ready (version {ReadyVersion}, {InstanceCount} instances)")]
    private static partial void SeriesCompleted(ILogger logger, string seriesInstanceUid, int readyVersion, int instanceCount);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "Series assembler: database call failed; backing off")]
    private static partial void DatabaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 222, Level = LogLevel.Information, Message = "Series assembler stopped")]
    private static partial void Stopped(ILogger logger);
}
