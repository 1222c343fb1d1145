using Imaging.Storage;

namespace Imaging.Api.Tests;

/// <summary>A store whose every call fails with <paramref name="failure"/>, as the real one does while its database is down.</summary>
public sealed class UnreachableStore(Exception failure) : IStudyQueries, IFindingsStore
{
    public Task<IReadOnlyList<StudySummary>> QueryStudiesAsync(StudyQuery query, CancellationToken cancellationToken) => throw failure;

    public Task<StudyDetail?> GetStudyAsync(string studyInstanceUid, CancellationToken cancellationToken) => throw failure;

    public Task<SeriesSummary?> GetSeriesAsync(string seriesInstanceUid, CancellationToken cancellationToken) => throw failure;

    public Task<bool> SaveFindingsAsync(FindingsRecord findings, CancellationToken cancellationToken) => throw failure;

    public Task<IReadOnlyList<FindingsRecord>> GetFindingsAsync(string seriesInstanceUid, CancellationToken cancellationToken) => throw failure;
}
