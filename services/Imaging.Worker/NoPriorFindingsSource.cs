using Imaging.Analysis;

namespace Imaging.Worker;

/// <summary>The prior source of a host without study queries: every scan is analysed as a first scan.</summary>
internal sealed class NoPriorFindingsSource : IPriorFindingsSource
{
    public static NoPriorFindingsSource Instance { get; } = new();

    public Task<PatientHistory> GetHistoryAsync(PriorFindingsRequest request, CancellationToken cancellationToken) => Task.FromResult(PatientHistory.Empty);
}
