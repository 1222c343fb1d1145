using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Cli.Serve;

/// <summary>Brings the index schema up to date before anything else starts (hosted services start in registration
/// order, and this one is registered first). A database that stays unreachable fails the start with one clear line.</summary>
internal sealed partial class StoreMigrationService(IImagingStore store, ILogger<StoreMigrationService> logger) : IHostedService
{
    /// <summary>How long start-up waits for a database that is still coming up (a PostgreSQL restarting with the host).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                Waiting(logger, ex.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ServeStartupException($"cannot reach the index database: {ex.Message}", ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Index database not reachable yet, retrying: {Reason}")]
    private static partial void Waiting(ILogger logger, string reason);
}
