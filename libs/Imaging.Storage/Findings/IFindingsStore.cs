namespace Imaging.Storage;

/// <summary>Findings per series + analyzer + analyzer version: a redelivered job never duplicates them.</summary>
public interface IFindingsStore
{
    /// <summary>Keeps the findings unless a record for the same series, analyzer and version with an equal or higher ready
    /// version already exists. Returns true when this call stored them (false: a duplicate delivery, nothing changed).</summary>
    Task<bool> SaveFindingsAsync(FindingsRecord findings, CancellationToken cancellationToken);

    /// <summary>Every findings record of a series, one per analyzer and analyzer version.</summary>
    Task<IReadOnlyList<FindingsRecord>> GetFindingsAsync(string seriesInstanceUid, CancellationToken cancellationToken);
}
