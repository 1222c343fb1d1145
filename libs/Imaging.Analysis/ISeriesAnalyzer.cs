using Imaging.Analysis.Metadata;

namespace Imaging.Analysis;

/// <summary>One analysis of a whole series: a plain function of the series' files and metadata, so it runs the same in a
/// test, in the worker, or in <c>imaging analyze</c> on a folder.</summary>
public interface ISeriesAnalyzer
{
    /// <summary>Stable name under which findings are kept, e.g. <c>metadata</c>, <c>bone-scan</c>, <c>spine</c>.</summary>
    string Name { get; }

    /// <summary>Version of the analysis; a new version's findings are kept beside the old ones, never mixed with them.</summary>
    string Version { get; }

    /// <summary>Whether this analyzer has anything to say about a series with this metadata (cheap: no file access).</summary>
    bool Accepts(SeriesMetadata metadata);

    /// <summary>Analyses the series. Problems with single files belong in the findings; throw only when the analysis as a
    /// whole could not run.</summary>
    ValueTask<AnalyzerFindings> AnalyzeAsync(SeriesInput input, CancellationToken cancellationToken);
}
