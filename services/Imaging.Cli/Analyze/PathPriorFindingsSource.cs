using Imaging.Analysis;

namespace Imaging.Cli.Analyze;

/// <summary>The prior of <c>imaging analyze --prior PATH</c>: the series under PATH that the asking analyzer accepts,
/// analysed on the spot (without priors of their own), plus the <c>--therapy-date</c> when given.</summary>
internal sealed class PathPriorFindingsSource(IReadOnlyList<AnalysableSeries> priorSeries, DateOnly? therapyDate) : IPriorFindingsSource
{
    public async Task<PatientHistory> GetHistoryAsync(PriorFindingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var findings = new List<PriorFindings>();
        foreach (var series in priorSeries)
        {
            if (series.Analyzer.Name != request.Analyzer) continue;
            var result = await series.Analyzer.AnalyzeAsync(series.Input, cancellationToken).ConfigureAwait(false);
            var metadata = series.Input.Metadata;
            findings.Add(new PriorFindings(metadata.StudyInstanceUid ?? "", metadata.SeriesInstanceUid ?? "", metadata.SeriesDate,
                series.Analyzer.Name, series.Analyzer.Version, result.PayloadJson));
        }
        return new PatientHistory(findings) { TherapyDate = therapyDate };
    }
}
