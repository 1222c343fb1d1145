namespace Imaging.Storage;

/// <summary>The ingest side of the index: one call per stored instance, in one transaction with its outbox row.</summary>
public interface IInstanceIndex
{
    /// <summary>In ONE transaction: upserts patient, study, series and instance (idempotent on SOP Instance UID),
    /// slides the series' quiet deadline to <c>ReceivedAt + quietTimeout</c> (a series that was ready and gains a new
    /// instance becomes pending again; a re-sent instance only slides a pending deadline), and adds an outbox row
    /// carrying <see cref="Imaging.Contracts.InstanceStored"/>. Returns once committed durably; throws when the
    /// database cannot be reached (the gateway then answers 0xA700 and acknowledges nothing).</summary>
    Task<RecordedInstance> RecordInstanceAsync(InstanceRecord instance, TimeSpan quietTimeout, CancellationToken cancellationToken);

    /// <summary>The instances of a series in instance-number order (then SOP Instance UID).</summary>
    Task<IReadOnlyList<InstanceRecord>> GetSeriesInstancesAsync(string seriesInstanceUid, CancellationToken cancellationToken);

    /// <summary>Every instance of the series still pending: the only ones an ingest cut short by a crash can have left
    /// behind (a series becomes ready only a quiet timeout after its newest instance).</summary>
    Task<IReadOnlyList<PendingInstance>> GetPendingSeriesInstancesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes these instance rows, each only if its received_at is still the one given; returns how many went.
    /// Their outbox rows stay (an announcement of an instance that is gone is harmless: claim checks find nothing).</summary>
    Task<int> RemoveInstancesAsync(IReadOnlyCollection<PendingInstance> instances, CancellationToken cancellationToken);
}
