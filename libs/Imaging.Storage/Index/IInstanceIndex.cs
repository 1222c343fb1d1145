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
}
