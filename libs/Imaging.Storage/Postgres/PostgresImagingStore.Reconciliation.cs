using Imaging.Storage.Postgres;

namespace Imaging.Storage;

/// <summary>Start-up reconciliation: the instances of pending series, and removing the rows whose blob is gone.</summary>
public sealed partial class PostgresImagingStore
{
    public async Task<IReadOnlyList<PendingInstance>> GetPendingSeriesInstancesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT i.sop_instance_uid, i.blob_key, i.received_at
            FROM series se JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE se.state = 'pending'
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<PendingInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            instances.Add(new PendingInstance(reader.GetString(0), reader.GetString(1), reader.GetInstant(2)));
        return instances;
    }

    public async Task<int> RemoveInstancesAsync(IReadOnlyCollection<PendingInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0) return 0;
        await using var command = _dataSource.CreateCommand("""
            DELETE FROM instances i USING unnest(@uids, @received) AS gone(uid, received)
            WHERE i.sop_instance_uid = gone.uid AND i.received_at = gone.received
            """);
        command.Parameters.TextArray("uids", [.. instances.Select(i => i.SopInstanceUid)]);
        command.Parameters.InstantArray("received", [.. instances.Select(i => i.ReceivedAt)]);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
