namespace Imaging.Storage;

/// <summary>Bookkeeping of prior retrieval from a PACS: look-ups per arriving study and retrievals per prior study, each a
/// work item with a lease (so several gateways never work on the same row at once), attempts and a next attempt (backoff).</summary>
public interface IPriorFetchStore
{
    /// <summary>Adds a pending look-up for the patient of <paramref name="studyInstanceUid"/>, due at <paramref name="now"/>.
    /// False when it was already requested, when the study is not indexed or has no Patient ID, or when the study itself is a
    /// prior this store asked a PACS for (fetched priors do not start look-ups of their own).</summary>
    Task<bool> RequestPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The oldest due look-up (pending, next attempt reached, not leased), leased until <paramref name="now"/> +
    /// <paramref name="lease"/> with its attempts incremented; null when none is due.</summary>
    Task<PriorQueryWork?> LeasePriorQueryAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends a look-up: done, or with <paramref name="error"/> set, failed for good (<paramref name="retryAt"/> null)
    /// or pending again from <paramref name="retryAt"/>.</summary>
    Task FinishPriorQueryAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Adds pending retrievals, due at <paramref name="now"/>; a study already tracked is left as it is. Returns how many were added.</summary>
    Task<int> AddPriorFetchesAsync(IReadOnlyList<PriorFetchRequest> fetches, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The oldest due retrieval, leased as <see cref="LeasePriorQueryAsync"/> does; null when none is due.</summary>
    Task<PriorFetchWork?> LeasePriorFetchAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends a retrieval as <see cref="FinishPriorQueryAsync"/> ends a look-up.</summary>
    Task FinishPriorFetchAsync(string studyInstanceUid, DateTimeOffset now, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>What planning needs about a patient's candidate priors: how many retrievals the patient already has, which
    /// candidates are already tracked, and how many instances of each candidate the index holds.</summary>
    Task<PriorCandidateState> GetCandidateStateAsync(string patientId, IReadOnlyCollection<string> studyInstanceUids, CancellationToken cancellationToken);

    /// <summary>The earliest next attempt of any pending look-up or retrieval; null when nothing is pending.</summary>
    Task<DateTimeOffset?> NextPriorWorkAsync(CancellationToken cancellationToken);

    /// <summary>The look-up of a study, or null (diagnostics and tests).</summary>
    Task<PriorWorkStatus?> GetPriorQueryAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>The retrieval of a prior study, or null (diagnostics and tests).</summary>
    Task<PriorWorkStatus?> GetPriorFetchAsync(string studyInstanceUid, CancellationToken cancellationToken);
}
