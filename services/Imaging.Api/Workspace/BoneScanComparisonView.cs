namespace Imaging.Api.Workspace;

/// <summary>The bone-scan part of a comparison, shaped for two side-by-side whole-body views.</summary>
/// <param name="Source"><c>stored</c>: the follow-up's own comparison with that baseline; <c>computed</c>: the comparer
/// run now on the two stored findings documents.</param>
public sealed record BoneScanComparisonView(
    BoneScanSide Baseline,
    BoneScanSide Followup,
    int NewCount,
    int PersistentCount,
    int ResolvedCount,
    GradePair ExtentOfDiseaseGrade,
    IReadOnlyList<RegionChangeRow> Regions,
    ChangeTotals Totals,
    IReadOnlyList<LesionRow> Lesions,
    string? Progression,
    IReadOnlyList<string> Notes,
    string Source);

/// <summary>Where one timepoint's views are for WADO-RS rendered frames (1-based), and its normal bone level.</summary>
/// <param name="PosteriorSopInstanceUid">The instance holding the posterior view: the same as
/// <paramref name="SopInstanceUid"/> for a two-frame instance, another one when each view is its own instance.</param>
public sealed record BoneScanSide(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string? SopInstanceUid,
    int? AnteriorFrame,
    int? PosteriorFrame,
    double? NormalBone,
    int? LesionCount,
    int? Columns,
    int? Rows,
    string? PosteriorSopInstanceUid);

/// <summary>The extent-of-disease grade at both timepoints.</summary>
public sealed record GradePair(int? Baseline, int? Followup);

/// <summary>Lesions of one skeletal region at both timepoints.</summary>
public sealed record RegionChangeRow(string Region, int Baseline, int Followup, int Change);

/// <summary>Lesions of all regions at both timepoints.</summary>
public sealed record ChangeTotals(int Baseline, int Followup, int Change);

/// <summary>One lesion of the comparison: positions are anterior-frame pixels (0-based) of the timepoint
/// <paramref name="FrameOf"/> names (the follow-up, or the baseline for a resolved lesion).</summary>
public sealed record LesionRow(
    string Status,
    string? Region,
    int? X,
    int? Y,
    string FrameOf,
    double? PeakRatio,
    double? PriorPeakRatio,
    double? IntensityChangePercent);
