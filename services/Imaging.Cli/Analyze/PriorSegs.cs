using Imaging.Analysis;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Seg;

namespace Imaging.Cli.Analyze;

/// <summary>A <c>--prior</c> folder holding spine images and a SEG of them: the SEG measures the prior (method <c>seg</c>) in
/// place of the classical analysis of the images it segments, so a SEG follow-up is compared with a SEG baseline.</summary>
internal static class PriorSegs
{
    /// <summary><paramref name="priors"/> with each usable SEG bound to the prior images it labels, and those images left out;
    /// a SEG of no image series in the folder is left out too (it could only give a document without levels).</summary>
    public static async Task<IReadOnlyList<AnalysableSeries>> ApplyAsync(IReadOnlyList<AnalysableSeries> priors, CancellationToken cancellationToken)
    {
        var segs = priors.Where(p => p.Analyzer is SpineAnalyzer && SegAnalysis.IsSeg(p)).ToList();
        if (segs.Count == 0) return priors;
        var images = priors.Where(p => p.Analyzer is SpineAnalyzer && !SegAnalysis.IsSeg(p)).ToList();
        var frames = images.ToDictionary(i => i, i => SegReference.FrameOfReferenceOf(i.Input));
        var measured = new HashSet<string>(StringComparer.Ordinal);
        var bound = new List<AnalysableSeries>();
        foreach (var seg in segs)
        {
            var reference = await SegReference.ReadAsync(seg.Input.Instances.Select(i => i.File), cancellationToken);
            // The series the SEG names first, as the worker's referenced-series source does; then one of its frame.
            var target = images.FirstOrDefault(i => reference.ReferencedSeriesInstanceUids.Contains(i.SeriesInstanceUid) && reference.Refusal(i.SeriesInstanceUid, frames[i]) is null)
                ?? images.FirstOrDefault(i => reference.Refusal(i.SeriesInstanceUid, frames[i]) is null);
            if (target is null) continue;
            measured.Add(target.SeriesInstanceUid);
            bound.Add(seg with { Analyzer = new SpineAnalyzer(referencedSeries: new FixedReferencedSeries(target.Input)) });
        }
        return [.. priors.Where(p => p.Analyzer is not SpineAnalyzer || (!SegAnalysis.IsSeg(p) && !measured.Contains(p.SeriesInstanceUid))), .. bound];
    }

    /// <summary>The one image series a prior SEG was matched with above.</summary>
    private sealed class FixedReferencedSeries(SeriesInput images) : IReferencedSeriesSource
    {
        public Task<SeriesInput?> FindAsync(ReferencedSeriesRequest request, CancellationToken cancellationToken) => Task.FromResult<SeriesInput?>(images);
    }
}
