namespace Imaging.Storage;

/// <summary>Read side for the API.</summary>
public interface IStudyQueries
{
    Task<IReadOnlyList<StudySummary>> QueryStudiesAsync(StudyQuery query, CancellationToken cancellationToken);

    /// <summary>Null when the study is not indexed.</summary>
    Task<StudyDetail?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken);

    /// <summary>Null when the series is not indexed.</summary>
    Task<SeriesSummary?> GetSeriesAsync(string seriesInstanceUid, CancellationToken cancellationToken);
}
