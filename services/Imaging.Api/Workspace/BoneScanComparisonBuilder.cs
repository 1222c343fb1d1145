using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;

namespace Imaging.Api.Workspace;

/// <summary>The bone-scan part of a comparison from two stored findings documents: the follow-up's own comparison when it
/// was made against this baseline, else <see cref="BoneScanComparer"/> run now.</summary>
internal static class BoneScanComparisonBuilder
{
    /// <exception cref="ArgumentException">The documents are too large to compare.</exception>
    public static BoneScanComparisonView Build(StoredDocument<BoneScanFindings> baseline, StoredDocument<BoneScanFindings> followup,
        BoneScanViews baselineViews, BoneScanViews followupViews)
    {
        var stored = followup.Document.Comparison is { } own
            && string.Equals(own.PriorStudyInstanceUid, baseline.StudyInstanceUid, StringComparison.Ordinal);
        var comparison = stored ? followup.Document.Comparison! : BoneScanComparer.Compare(baseline.Document, followup.Document).Comparison!;

        var regions = comparison.RegionChanges.Select(r => new RegionChangeRow(r.Region.Key(), r.Prior, r.Current, r.Change)).ToList();
        var priorTotal = regions.Sum(r => r.Baseline);
        var currentTotal = regions.Sum(r => r.Followup);
        var lesions = comparison.Lesions.Select(ToRow).ToList();
        return new BoneScanComparisonView(
            Side(baseline, baselineViews), Side(followup, followupViews),
            comparison.NewCount, comparison.PersistentCount, comparison.ResolvedCount,
            new GradePair(baseline.Document.ExtentOfDiseaseGrade, followup.Document.ExtentOfDiseaseGrade),
            regions, new ChangeTotals(priorTotal, currentTotal, currentTotal - priorTotal), lesions,
            comparison.Progression?.Note, comparison.Notes, stored ? "stored" : "computed");
    }

    private static BoneScanSide Side(StoredDocument<BoneScanFindings> side, BoneScanViews views) => new(
        side.StudyInstanceUid, side.SeriesInstanceUid, views.AnteriorSopInstanceUid, views.AnteriorFrame, views.PosteriorFrame,
        side.Document.Normalisation?.NormalBoneAnterior, side.Document.LesionCount, views.Columns, views.Rows, views.PosteriorSopInstanceUid);

    private static LesionRow ToRow(LesionComparison lesion) => lesion.Status switch
    {
        // A resolved lesion is only on the baseline: its prior position, on the baseline's frame.
        LesionChange.Resolved => new LesionRow("resolved", lesion.PriorRegion is { } r ? r.Key() : null, lesion.PriorX, lesion.PriorY,
            "baseline", null, lesion.PriorPeakRatio, null),
        LesionChange.Persistent => new LesionRow("persistent", lesion.Region is { } p ? p.Key() : null, lesion.X, lesion.Y,
            "followup", lesion.PeakRatio, lesion.PriorPeakRatio, lesion.PeakChangePercent),
        _ => new LesionRow("new", lesion.Region is { } n ? n.Key() : null, lesion.X, lesion.Y, "followup", lesion.PeakRatio, null, null),
    };
}
