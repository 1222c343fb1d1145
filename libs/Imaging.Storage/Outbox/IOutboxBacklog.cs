namespace Imaging.Storage;

/// <summary>How far behind the outbox relay is, for metrics: rows waiting and the age of the oldest.</summary>
public interface IOutboxBacklog
{
    /// <summary>Unpublished rows (leased or not) and the creation time of the oldest; null when the outbox is empty.</summary>
    Task<OutboxBacklog> GetOutboxBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>The outbox's backlog at one moment.</summary>
/// <param name="Pending">Rows not yet published.</param>
/// <param name="OldestCreatedAt">When the oldest of them was written; null when there is none.</param>
public readonly record struct OutboxBacklog(long Pending, DateTimeOffset? OldestCreatedAt);
