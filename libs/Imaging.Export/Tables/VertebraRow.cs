namespace Imaging.Export.Tables;

/// <summary>One measured vertebral level in vertebrae.csv/.parquet.</summary>
internal sealed record VertebraRow(
    string Patient,
    string Study,
    string Series,
    string Level,
    double? AnteriorHeightMm,
    double? MiddleHeightMm,
    double? PosteriorHeightMm,
    double? ReferenceHeightMm,
    double? HeightLossPercent,
    int? GenantGrade,
    string? FractureType,
    bool? Cement);
