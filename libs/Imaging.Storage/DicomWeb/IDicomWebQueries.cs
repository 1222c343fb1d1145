namespace Imaging.Storage.DicomWeb;

/// <summary>The index read side of QIDO-RS (PS3.18 10.6): searches at study, series and instance level.</summary>
/// <remarks>Matching is done in SQL on both stores with the same results: person names compare case-insensitively for
/// ASCII letters only (other letters compare exactly), every other text compares exactly. A query that breaks the
/// limits of <see cref="QidoQuery"/> throws <see cref="ArgumentException"/>.</remarks>
public interface IDicomWebQueries
{
    /// <summary>Studies (query level must be <see cref="QidoLevel.Study"/>).</summary>
    Task<QidoPage<QidoStudyMatch>> SearchStudiesAsync(QidoQuery query, CancellationToken cancellationToken);

    /// <summary>Series (query level must be <see cref="QidoLevel.Series"/>).</summary>
    Task<QidoPage<QidoSeriesMatch>> SearchSeriesAsync(QidoQuery query, CancellationToken cancellationToken);

    /// <summary>Instances (query level must be <see cref="QidoLevel.Instance"/>).</summary>
    Task<QidoPage<QidoInstanceMatch>> SearchInstancesAsync(QidoQuery query, CancellationToken cancellationToken);
}
