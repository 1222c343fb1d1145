using Imaging.Storage.Postgres;

namespace Imaging.Storage;

/// <summary>The findings' traceparents, for the API's link to the analysis trace.</summary>
public sealed partial class PostgresImagingStore : IFindingsTraceContext
{
    public async Task<IReadOnlyList<string>> GetFindingsTraceParentsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var command = _dataSource.CreateCommand($"""
            SELECT traceparent FROM findings WHERE series_instance_uid = @uid AND traceparent IS NOT NULL
            ORDER BY analyzer, analyzer_version LIMIT {OutboxTraceContext.MaximumSeriesLinks}
            """);
        command.Parameters.Text("uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var parents = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) parents.Add(reader.GetString(0));
        return parents;
    }
}
