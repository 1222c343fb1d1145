using System.Text.Json;
using Imaging.Storage.Sqlite;

namespace Imaging.Storage;

/// <summary>Start-up reconciliation: the instances of pending series, and removing the rows whose blob is gone.</summary>
public sealed partial class SqliteImagingStore
{
    public async Task<IReadOnlyList<PendingInstance>> GetPendingSeriesInstancesAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, """
            SELECT i.sop_instance_uid, i.blob_key, i.received_at
            FROM series se JOIN instances i ON i.series_instance_uid = se.series_instance_uid
            WHERE se.state = 'pending'
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<PendingInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            instances.Add(new PendingInstance(reader.GetString(0), reader.GetString(1), UnixMicroseconds.ToInstant(reader.GetInt64(2))));
        return instances;
    }

    public Task<int> RemoveInstancesAsync(IReadOnlyCollection<PendingInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0) return Task.FromResult(0);
        var list = JsonSerializer.Serialize(instances.Select(i => new object[] { i.SopInstanceUid, UnixMicroseconds.From(i.ReceivedAt) }));
        return _writes.RunAsync(context =>
        {
            var command = context.Command("""
                DELETE FROM instances WHERE (sop_instance_uid, received_at) IN
                    (SELECT value ->> 0, value ->> 1 FROM json_each($list))
                """);
            return command.With("$list", list).ExecuteNonQuery();
        }, cancellationToken);
    }
}
