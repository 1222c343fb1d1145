using Imaging.Gateway.Pipeline;
using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Priors;

/// <summary>The gateway's prior retrieval loop: does due look-ups first (they are short and produce retrievals), then due
/// retrievals, one at a time; sleeps until the next due attempt (at most <see cref="PriorsOptions.PollInterval"/>, since
/// another gateway may add work) or until <see cref="Notify"/>.</summary>
public sealed class PriorsService(PriorFetcher fetcher, IPriorFetchStore store, PriorsOptions options, TimeProvider time, ILogger<PriorsService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(50);
    private readonly WakeSignal _wake = new();

    /// <summary>Work was added (a look-up was requested): look now.</summary>
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
                var worked = await fetcher.RunQueryAsync(stoppingToken).ConfigureAwait(false)
                    | await fetcher.RunFetchAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                if (worked) continue;
                var next = await store.NextPriorWorkAsync(stoppingToken).ConfigureAwait(false);
                sleep = next is null ? options.PollInterval : Clamp(next.Value - time.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The fetcher records PACS failures itself: what reaches here is the database.
                failures++;
                PriorsLog.DatabaseFailed(logger, ex);
                sleep = Backoff.Delay(failures, TimeSpan.FromSeconds(1), options.PollInterval);
            }

            try
            {
                await _wake.WaitAsync(sleep, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        PriorsLog.Stopped(logger);
    }

    private TimeSpan Clamp(TimeSpan untilDue) => untilDue < MinimumSleep ? MinimumSleep : untilDue > options.PollInterval ? options.PollInterval : untilDue;
}
