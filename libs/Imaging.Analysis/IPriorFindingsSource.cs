namespace Imaging.Analysis;

/// <summary>Where an analyzer finds the patient's earlier findings (longitudinal comparison): the worker reads them from
/// the index and findings store, <c>imaging analyze --prior</c> from files analysed on the spot.</summary>
public interface IPriorFindingsSource
{
    /// <summary>The earlier findings of <see cref="PriorFindingsRequest.Analyzer"/> for the patient of the request's study
    /// (never another patient's, never the same study's), with whatever is known of therapy.</summary>
    Task<PatientHistory> GetHistoryAsync(PriorFindingsRequest request, CancellationToken cancellationToken);
}
