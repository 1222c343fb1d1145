using Imaging.Analysis;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Seg;

namespace Imaging.Cli.Analyze;

/// <summary><c>imaging analyze SERIES --seg SEG</c>: the spine series measured with the SEG's vertebra segments as its
/// bodies (method <c>seg</c>), after checking that the SEG belongs to that series or its Frame of Reference; compared with
/// <c>--prior</c> when the analyzer was given one.</summary>
internal static class SegAnalysis
{
    public static bool IsSeg(AnalysableSeries series) => string.Equals(series.Input.Metadata.Modality?.Trim(), "SEG", StringComparison.OrdinalIgnoreCase);

    /// <summary>The findings JSON, or the one-line reason the SEG cannot be used on <paramref name="target"/>.</summary>
    public static async Task<(string? Payload, string? Problem)> RunAsync(AnalysableSeries target, ISeriesAnalyzer analyzer, string segPath, CancellationToken cancellationToken)
    {
        if (analyzer is not SpineAnalyzer spine)
            return (null, $"a SEG is only used by the spine analyzer; {target.Describe()} is analysed by {analyzer.Name}");
        var (groups, _) = SeriesFiles.Find(segPath, cancellationToken);
        var files = groups.SelectMany(g => g.Paths).Select(p => InstanceFile.FromPath(p)).ToList();
        if (files.Count == 0) return (null, "no DICOM file there");
        var reference = await SegReference.ReadAsync(files, cancellationToken);
        // Checked before any pixel is decoded: a SEG of another series should not cost a volume load to refuse.
        if (reference.Refusal(target.SeriesInstanceUid, SegReference.FrameOfReferenceOf(target.Input)) is { } refusal) return (null, refusal);
        try
        {
            // Through the analyzer's own finishing step, so --prior compares the SEG-measured levels like any other.
            var findings = await spine.AnalyzeSegAsync(target.Input, files, cancellationToken);
            return (findings.PayloadJson, null);
        }
        catch (SegLabelException ex)
        {
            return (null, ex.Message);
        }
    }
}
