namespace Imaging.Storage;

/// <summary>The radiologist workspace's read side: patients, a patient's studies with their findings summaries, stored
/// instances for viewers, and searches across patients by what their findings say.</summary>
public interface IPatientQueries
{
    /// <summary>One page of the patients matching <paramref name="search"/>, ordered by name then ID, and the total count.</summary>
    Task<PatientPage> SearchPatientsAsync(PatientSearch search, CancellationToken cancellationToken);

    /// <summary>Null when no study of the patient is indexed.</summary>
    Task<PatientSummary?> GetPatientAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>The patient's studies (oldest first) with their series and the latest findings summary per analyzer.</summary>
    Task<IReadOnlyList<PatientStudy>> GetPatientStudiesAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>The instances of one series in instance-number order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredInstance>> GetSeriesInstancesAsync(string seriesInstanceUid, int limit, CancellationToken cancellationToken);

    /// <summary>Instances in <paramref name="studyInstanceUids"/> of the patient whose series description is exactly
    /// <paramref name="seriesDescription"/>, newest received first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredInstance>> FindInstancesBySeriesDescriptionAsync(string patientId, IReadOnlyList<string> studyInstanceUids,
        string seriesDescription, int limit, CancellationToken cancellationToken);

    /// <summary>One page of the latest findings per series and analyzer matching <paramref name="search"/>, newest study first.</summary>
    Task<FindingSearchPage> SearchFindingsAsync(FindingSearch search, CancellationToken cancellationToken);
}
