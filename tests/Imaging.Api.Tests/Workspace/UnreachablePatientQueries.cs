using Imaging.Storage;

namespace Imaging.Api.Tests.Workspace;

/// <summary>Workspace queries that fail with <paramref name="failure"/>, as the real store does while its database is down.</summary>
internal sealed class UnreachablePatientQueries(Exception failure) : IPatientQueries
{
    public Task<PatientPage> SearchPatientsAsync(PatientSearch search, CancellationToken cancellationToken) => throw failure;

    public Task<PatientSummary?> GetPatientAsync(string patientId, CancellationToken cancellationToken) => throw failure;

    public Task<IReadOnlyList<PatientStudy>> GetPatientStudiesAsync(string patientId, CancellationToken cancellationToken) => throw failure;

    public Task<IReadOnlyList<StoredInstance>> GetSeriesInstancesAsync(string seriesInstanceUid, int limit, CancellationToken cancellationToken) => throw failure;

    public Task<IReadOnlyList<StoredInstance>> FindInstancesBySeriesDescriptionAsync(string patientId, IReadOnlyList<string> studyInstanceUids,
        string seriesDescription, int limit, CancellationToken cancellationToken) => throw failure;

    public Task<FindingSearchPage> SearchFindingsAsync(FindingSearch search, CancellationToken cancellationToken) => throw failure;
}
