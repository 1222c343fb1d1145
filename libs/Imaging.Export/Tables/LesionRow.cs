namespace Imaging.Export.Tables;

/// <summary>One bone-scan lesion in lesions.csv/.parquet (position in anterior-frame pixels).</summary>
internal sealed record LesionRow(
    string Patient,
    string Study,
    string Series,
    string? LesionId,
    string? Region,
    string? Views,
    int? X,
    int? Y,
    double? PeakRatio,
    double? AreaMm2);
