using System.Threading.Channels;
using Imaging.Storage;
using Microsoft.Extensions.Logging;

namespace Imaging.Api.Security;

/// <summary>The bounded queue between the audit middleware and <see cref="AuditWriterService"/>. A full queue makes the
/// request wait (up to <see cref="AuditOptions.EnqueueTimeout"/>) instead of dropping its entry; once the writer has
/// stopped, entries go straight to the store.</summary>
internal sealed class AuditQueue(AuditOptions options, IAuditLog store, ILogger<AuditQueue> logger)
{
    private readonly Channel<AuditEntry> _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(Math.Max(1, options.QueueCapacity))
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<AuditEntry> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="entry"/>. Not tied to the request's cancellation: a client hanging up must not drop
    /// the record of what it was sent.</summary>
    public async Task EnqueueAsync(AuditEntry entry)
    {
        if (_channel.Writer.TryWrite(entry)) return;
        using var timeout = new CancellationTokenSource(options.EnqueueTimeout);
        try
        {
            await _channel.Writer.WriteAsync(entry, timeout.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await WriteDirectlyAsync(entry, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            SecurityLog.EntryLost(logger, entry.Method, entry.Target, entry.UserName, entry.At, entry.StatusCode,
                $"the audit queue stayed full for {options.EnqueueTimeout}");
        }
    }

    /// <summary>No more entries are queued; later ones are written directly.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private async Task WriteDirectlyAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync([entry], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SecurityLog.EntryLost(logger, entry.Method, entry.Target, entry.UserName, entry.At, entry.StatusCode, ex.Message);
        }
    }
}
