using Imaging.Storage.DicomWeb;

namespace Imaging.Storage;

/// <summary>QIDO-RS searches on the SQLite index (SQL shared with PostgreSQL in <see cref="QidoSql"/>).</summary>
public sealed partial class SqliteImagingStore : IDicomWebQueries
{
    public Task<QidoPage<QidoStudyMatch>> SearchStudiesAsync(QidoQuery query, CancellationToken cancellationToken) =>
        SearchAsync(query, QidoLevel.Study, QidoSql.ReadStudy, cancellationToken);

    public Task<QidoPage<QidoSeriesMatch>> SearchSeriesAsync(QidoQuery query, CancellationToken cancellationToken) =>
        SearchAsync(query, QidoLevel.Series, QidoSql.ReadSeries, cancellationToken);

    public Task<QidoPage<QidoInstanceMatch>> SearchInstancesAsync(QidoQuery query, CancellationToken cancellationToken) =>
        SearchAsync(query, QidoLevel.Instance, QidoSql.ReadInstance, cancellationToken);

    private async Task<QidoPage<T>> SearchAsync<T>(QidoQuery query, QidoLevel level, Func<System.Data.Common.DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        QidoSql.Validate(query, level);
        await using var connection = OpenReadConnection();
        await using var command = QidoSql.Build(connection.CreateCommand(), query, QidoSqlDialect.Sqlite);
        return await QidoSql.ReadAsync(command, query.Limit, read, cancellationToken).ConfigureAwait(false);
    }
}
