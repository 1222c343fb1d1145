namespace Imaging.Storage;

/// <summary>The research export's read side: the instances of a cohort in export order, and the newest findings of its
/// series. Implemented by both stores beside <see cref="IImagingStore"/> (cast the registered store).</summary>
public interface IExportQueries
{
    /// <summary>How many patients, studies, series and instances the cohort holds, and their stored bytes.</summary>
    Task<ExportCohortSize> MeasureCohortAsync(ExportCohort cohort, CancellationToken cancellationToken);

    /// <summary>Every instance of the cohort, streamed in (patient, study, series, instance number, SOP UID) order.</summary>
    IAsyncEnumerable<ExportInstance> StreamCohortInstancesAsync(ExportCohort cohort, CancellationToken cancellationToken);

    /// <summary>The newest findings document per series and analyzer of the cohort's exported series, in (patient,
    /// study, series, analyzer) order.</summary>
    Task<IReadOnlyList<ExportFindingsDocument>> GetCohortFindingsAsync(ExportCohort cohort, CancellationToken cancellationToken);
}
