using Imaging.Storage.DicomWeb;

namespace Imaging.Storage;

/// <summary>QIDO-RS searches on the PostgreSQL index (SQL shared with SQLite in <see cref="QidoSql"/>).</summary>
public sealed partial class PostgresImagingStore : IDicomWebQueries
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
        await using var command = QidoSql.Build(_dataSource.CreateCommand(), query, QidoSqlDialect.Postgres);
        return await QidoSql.ReadAsync(command, query.Limit, read, cancellationToken).ConfigureAwait(false);
    }
}
