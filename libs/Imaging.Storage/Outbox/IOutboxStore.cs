namespace Imaging.Storage;

/// <summary>The relay's view of the outbox: claim a batch, publish it, mark it sent. Safe with several relays
/// (several gateways): a claimed row is leased and not handed to another relay until the lease expires.</summary>
public interface IOutboxStore
{
    /// <summary>Claims up to <paramref name="maximum"/> unsent rows in id order, leased for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maximum, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks rows as published (after the broker confirmed them); published rows are deleted or archived.</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Gives rows back after a failed publish: the lease ends now and the attempt is counted.</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Rows not yet published (for health and metrics: the outbox grows while the broker is down).</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}
