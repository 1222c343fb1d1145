using Imaging.Analysis.Metadata;

namespace Imaging.Analysis;

/// <summary>Keeps every series' metadata (including its classification and problems) as findings: each series gets one
/// record, whatever it holds, so what the worker saw is on record even when no other analyzer ran.</summary>
public sealed class MetadataAnalyzer : ISeriesAnalyzer
{
    /// <summary>The analyzer name under which metadata findings are kept.</summary>
    public const string AnalyzerName = "metadata";

    public string Name => AnalyzerName;

    /// <summary>Bumped whenever the payload's schema or content changes.</summary>
    public string Version => "1";

    public bool Accepts(SeriesMetadata metadata) => true;

    public ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AnalyzerFindings.FromValue(input.Metadata, AnalysisJsonContext.Default.SeriesMetadata));
    }
}
