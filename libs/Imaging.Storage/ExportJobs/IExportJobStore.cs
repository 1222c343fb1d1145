namespace Imaging.Storage;

/// <summary>The research export jobs of the API, persisted so their state survives a restart and every API node sees them.</summary>
public interface IExportJobStore
{
    /// <summary>Longest error text kept; longer ones are cut.</summary>
    const int MaximumErrorLength = 2000;

    /// <summary>Stores a new job (its <see cref="ExportJob.Id"/> must be new).</summary>
    Task CreateExportJobAsync(ExportJob job, CancellationToken cancellationToken);

    /// <summary>The job, or null.</summary>
    Task<ExportJob?> GetExportJobAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Jobs newest first: those of <paramref name="owner"/>, or everyone's when null; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string? owner, int limit, CancellationToken cancellationToken);

    /// <summary>The jobs of <paramref name="node"/> in <paramref name="state"/>, oldest first (what a restarting node resumes or fails).</summary>
    Task<IReadOnlyList<ExportJob>> ListExportJobsAsync(string node, ExportJobState state, CancellationToken cancellationToken);

    /// <summary>Finished jobs whose <see cref="ExportJob.FinishedAt"/> is before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<ExportJob>> ListExportJobsFinishedBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>Writes every field of <paramref name="job"/> but its identity and creation, only while the stored state is still
    /// <paramref name="expected"/>; false when it is not (another request moved it, e.g. a cancel), so state changes never race.</summary>
    Task<bool> UpdateExportJobAsync(ExportJob job, ExportJobState expected, CancellationToken cancellationToken);

    /// <summary>Removes the job; false when there was none.</summary>
    Task<bool> DeleteExportJobAsync(Guid id, CancellationToken cancellationToken);
}
