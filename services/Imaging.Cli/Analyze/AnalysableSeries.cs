using Imaging.Analysis;
using Imaging.Analysis.Metadata;

namespace Imaging.Cli.Analyze;

/// <summary>A series under the analysed path with an analyzer that accepts it.</summary>
internal sealed record AnalysableSeries(SeriesInput Input, ISeriesAnalyzer Analyzer)
{
    public string SeriesInstanceUid => Input.Metadata.SeriesInstanceUid ?? "";

    /// <summary>Every (series, accepting analyzer) pair under <paramref name="path"/>, in series UID then analyzer name
    /// order; and how many series and skipped files there were.</summary>
    public static (IReadOnlyList<AnalysableSeries> Found, int SeriesRead, int FilesSkipped) Find(string path, IReadOnlyList<ISeriesAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var (series, skipped) = SeriesFiles.Find(path, cancellationToken);
        var found = new List<AnalysableSeries>();
        foreach (var group in series)
        {
            var input = SeriesMetadataExtractor.Extract(group.Paths.Select(p => InstanceFile.FromPath(p)), cancellationToken);
            foreach (var analyzer in analyzers.OrderBy(a => a.Name, StringComparer.Ordinal))
                if (analyzer.Accepts(input.Metadata)) found.Add(new AnalysableSeries(input, analyzer));
        }
        return (found, series.Count, skipped);
    }

    /// <summary>"UID (analyzer, modality, date)" for listings.</summary>
    public string Describe()
    {
        var m = Input.Metadata;
        var parts = new[] { Analyzer.Name, m.Modality, m.SeriesDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), m.SeriesDescription }
            .Where(p => !string.IsNullOrWhiteSpace(p));
        return $"{SeriesInstanceUid} ({string.Join(", ", parts)})";
    }
}
