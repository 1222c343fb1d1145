using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;

namespace Imaging.Api.Workspace;

/// <summary>The spine part of a comparison from two stored findings documents: the follow-up's own comparison when it was
/// made against this baseline, else <see cref="SpineComparer"/> run now.</summary>
internal static class SpineComparisonBuilder
{
    /// <exception cref="ArgumentException">The documents are too large to compare.</exception>
    public static SpineComparisonView Build(StoredDocument<SpineFindings> baseline, StoredDocument<SpineFindings> followup, IReadOnlyList<KeyImage> keyImages)
    {
        var stored = followup.Document.Comparison is { } own
            && string.Equals(own.PriorStudyInstanceUid, baseline.StudyInstanceUid, StringComparison.Ordinal);
        var comparison = stored ? followup.Document.Comparison! : SpineComparer.Compare(followup.Document, baseline.Document);
        var before = Levels(baseline.Document);
        var after = Levels(followup.Document);
        var rows = comparison.Levels.Select(change => new SpineLevelRow(change.Level,
            before.TryGetValue(change.Level, out var b) ? Measure(b) : null,
            after.TryGetValue(change.Level, out var a) ? Measure(a) : null,
            change.MinimumHeightChangeMm, change.MinimumHeightChangePercent, change.Status)).ToList();
        return new SpineComparisonView(Side(baseline), Side(followup), rows, baseline.Document.FlaggedLevels, followup.Document.FlaggedLevels,
            comparison.NewFractureLevels, comparison.ProgressedLevels, comparison.CementAddedLevels, keyImages, stored ? "stored" : "computed");
    }

    private static SpineSide Side(StoredDocument<SpineFindings> side) => new(side.StudyInstanceUid, side.SeriesInstanceUid, side.Document.Modality);

    private static Dictionary<string, VertebraFindings> Levels(SpineFindings findings)
    {
        var levels = new Dictionary<string, VertebraFindings>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in findings.Vertebrae)
        {
            if (v?.Level is { Length: > 0 } level) levels.TryAdd(level, v);
        }
        return levels;
    }

    private static LevelMeasurement Measure(VertebraFindings v) =>
        new(v.AnteriorHeightMm, v.MiddleHeightMm, v.PosteriorHeightMm, v.HeightLossPercent, v.GenantGrade, v.FractureType, v.Cement);
}
