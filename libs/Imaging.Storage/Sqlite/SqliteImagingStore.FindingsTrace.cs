using Imaging.Storage.Sqlite;

namespace Imaging.Storage;

/// <summary>The findings' traceparents, for the API's link to the analysis trace.</summary>
public sealed partial class SqliteImagingStore : IFindingsTraceContext
{
    public async Task<IReadOnlyList<string>> GetFindingsTraceParentsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seriesInstanceUid);
        await using var connection = OpenReadConnection();
        await using var command = connection.Command(null, $"""
            SELECT traceparent FROM findings WHERE series_instance_uid = $uid AND traceparent IS NOT NULL
            ORDER BY analyzer, analyzer_version LIMIT {OutboxTraceContext.MaximumSeriesLinks}
            """).With("$uid", seriesInstanceUid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var parents = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) parents.Add(reader.GetString(0));
        return parents;
    }
}
