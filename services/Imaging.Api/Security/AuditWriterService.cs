using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Security;

/// <summary>Writes queued audit entries to the store in batches; a failed batch is retried with backoff until it is written
/// or the host gives up stopping; on stop, the queue is drained first.</summary>
internal sealed class AuditWriterService(AuditQueue queue, IAuditLog store, AuditOptions options, TimeProvider time, ILogger<AuditWriterService> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _abandon = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        // The host's stop deadline: after it, retrying a dead database would only hold the process.
        await using (cancellationToken.Register(_abandon.Cancel))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<AuditEntry>(Math.Max(1, options.BatchSize));
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < batch.Capacity && queue.Reader.TryRead(out var entry)) batch.Add(entry);
            if (!await WriteAsync(batch).ConfigureAwait(false))
            {
                foreach (var lost in batch) SecurityLog.EntryLost(logger, lost.Method, lost.Target, lost.UserName, lost.At, lost.StatusCode, "shutdown before the database took it");
                while (queue.Reader.TryRead(out var lost)) SecurityLog.EntryLost(logger, lost.Method, lost.Target, lost.UserName, lost.At, lost.StatusCode, "shutdown before the database took it");
                return;
            }
            batch.Clear();
        }
    }

    /// <summary>False when stopping gave up on a batch that could not be written.</summary>
    private async Task<bool> WriteAsync(List<AuditEntry> batch)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AppendAsync(batch, _abandon.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                SecurityLog.WriteFailed(logger, batch.Count, attempt, delay.TotalMilliseconds, ex.Message);
                try
                {
                    await Task.Delay(delay, time, _abandon.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
                delay = TimeSpan.FromTicks(Math.Min(MaximumBackoff.Ticks, delay.Ticks * 2));
            }
        }
    }

    public void Dispose() => _abandon.Dispose();
}
