using Imaging.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Imaging.Gateway.Ingest;

/// <summary>At start-up, before the gateway listens and before the series assembler runs: removes index rows whose blob is
/// not on disk.</summary>
/// <remarks>Ingest commits an instance's row while the blob store makes the blob's new name durable (both flushes at once,
/// see <see cref="IngestCStoreProvider"/>). If the machine stops between the two, the row can survive without its file.
/// The sender never heard Success and sends the instance again; until then the row must not be analysed as if the file
/// were there. Such a row belongs to a series that is still pending (a series becomes ready only a quiet timeout after its
/// newest instance, and this runs before the assembler), so only pending series are checked: a few hundred rows, not the
/// archive. A row is removed only if it still has the received time that was checked, so a copy sent again meanwhile
/// stays.</remarks>
public sealed partial class BlobReconciliation(IInstanceIndex index, IBlobStore blobs, ILogger<BlobReconciliation> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Checks every instance of every pending series; returns how many rows were removed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await index.GetPendingSeriesInstancesAsync(cancellationToken).ConfigureAwait(false);
        var missing = new List<PendingInstance>();
        foreach (var instance in pending)
        {
            if (!BlobExists(instance.BlobKey)) missing.Add(instance);
        }
        if (missing.Count == 0)
        {
            Checked(logger, pending.Count);
            return 0;
        }
        var removed = await index.RemoveInstancesAsync(missing, cancellationToken).ConfigureAwait(false);
        foreach (var instance in missing.Take(10)) Missing(logger, instance.SopInstanceUid, instance.BlobKey);
        Removed(logger, removed, pending.Count);
        return removed;
    }

    private bool BlobExists(string blobKey)
    {
        try
        {
            return File.Exists(blobs.GetPath(blobKey));
        }
        catch (ArgumentException)
        {
            // A key this store cannot resolve points at no file either.
            return false;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Blob reconciliation: {Count} instances of pending series checked, every blob present")]
    private static partial void Checked(ILogger logger, int count);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Blob reconciliation: instance {SopInstanceUid} has no blob at {BlobKey} (ingest cut short); its row is removed, the sender sends it again")]
    private static partial void Missing(ILogger logger, string sopInstanceUid, string blobKey);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Blob reconciliation: {Removed} index rows without a blob removed ({Count} instances of pending series checked)")]
    private static partial void Removed(ILogger logger, int removed, int count);
}
