namespace Imaging.Api.Workspace;

/// <summary>The spine part of a comparison: the levels table, the flagged and changed levels, and the key images.</summary>
public sealed record SpineComparisonView(
    SpineSide Baseline,
    SpineSide Followup,
    IReadOnlyList<SpineLevelRow> Levels,
    IReadOnlyList<string> BaselineFlagged,
    IReadOnlyList<string> FollowupFlagged,
    IReadOnlyList<string> NewFractures,
    IReadOnlyList<string> Progressed,
    IReadOnlyList<string> CementAdded,
    IReadOnlyList<KeyImage> KeyImages,
    string Source);

/// <summary>The series a timepoint's spine findings were measured on.</summary>
public sealed record SpineSide(string StudyInstanceUid, string SeriesInstanceUid, string Modality);

/// <summary>One vertebral level at both timepoints (null where the level was not measured).</summary>
public sealed record SpineLevelRow(
    string Level,
    LevelMeasurement? Baseline,
    LevelMeasurement? Followup,
    double? MinHeightChangeMm,
    double? MinHeightChangePercent,
    string Status);

/// <summary>One vertebral body's heights and grade at one timepoint.</summary>
public sealed record LevelMeasurement(
    double AnteriorHeightMm,
    double MiddleHeightMm,
    double PosteriorHeightMm,
    double HeightLossPercent,
    int GenantGrade,
    string FractureType,
    bool Cement);

/// <summary>A secondary-capture key image in our store (render with WADO-RS <c>/rendered</c>).</summary>
public sealed record KeyImage(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid);
