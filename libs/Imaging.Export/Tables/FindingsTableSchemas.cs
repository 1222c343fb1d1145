namespace Imaging.Export.Tables;

/// <summary>The three findings tables' columns: the one place that says what a researcher receives.</summary>
internal static class FindingsTableSchemas
{
    /// <summary>The bone-scan skeletal regions, in the analyzer's order, as JSON names.</summary>
    public static readonly IReadOnlyList<string> Regions =
    [
        "skull", "cervical-spine", "thoracic-spine", "lumbar-spine", "sacrum", "ribs", "sternum", "shoulder", "pelvis", "upper-limbs", "lower-limbs",
    ];

    public static readonly TableDefinition<FindingsRow> Findings = new("findings",
    [
        new("patient", ColumnType.Text, r => r.Patient),
        new("study", ColumnType.Text, r => r.Study),
        new("series", ColumnType.Text, r => r.Series),
        new("modality", ColumnType.Text, r => r.Modality),
        new("analyzer", ColumnType.Text, r => r.Analyzer),
        new("analyzer_version", ColumnType.Text, r => r.AnalyzerVersion),
        new("days_since_first_study", ColumnType.Integer, r => r.DaysSinceFirstStudy),
        new("lesion_count", ColumnType.Integer, r => r.LesionCount),
        .. Regions.Select((region, i) => new TableColumn<FindingsRow>("region_" + region.Replace('-', '_'), ColumnType.Integer, r => r.RegionCounts[i])),
        new("extent_of_disease_grade", ColumnType.Integer, r => r.ExtentOfDiseaseGrade),
        new("flagged_levels", ColumnType.Text, r => r.FlaggedLevels),
        new("label_confidence", ColumnType.Text, r => r.LabelConfidence),
        new("comparison_new", ColumnType.Integer, r => r.ComparisonNew),
        new("comparison_persistent", ColumnType.Integer, r => r.ComparisonPersistent),
        new("comparison_resolved", ColumnType.Integer, r => r.ComparisonResolved),
        new("comparison_interval_days", ColumnType.Integer, r => r.ComparisonIntervalDays),
    ]);

    public static readonly TableDefinition<VertebraRow> Vertebrae = new("vertebrae",
    [
        new("patient", ColumnType.Text, r => r.Patient),
        new("study", ColumnType.Text, r => r.Study),
        new("series", ColumnType.Text, r => r.Series),
        new("level", ColumnType.Text, r => r.Level),
        new("anterior_height_mm", ColumnType.Real, r => r.AnteriorHeightMm),
        new("middle_height_mm", ColumnType.Real, r => r.MiddleHeightMm),
        new("posterior_height_mm", ColumnType.Real, r => r.PosteriorHeightMm),
        new("reference_height_mm", ColumnType.Real, r => r.ReferenceHeightMm),
        new("height_loss_percent", ColumnType.Real, r => r.HeightLossPercent),
        new("genant_grade", ColumnType.Integer, r => r.GenantGrade),
        new("fracture_type", ColumnType.Text, r => r.FractureType),
        new("cement", ColumnType.Boolean, r => r.Cement),
    ]);

    public static readonly TableDefinition<LesionRow> Lesions = new("lesions",
    [
        new("patient", ColumnType.Text, r => r.Patient),
        new("study", ColumnType.Text, r => r.Study),
        new("series", ColumnType.Text, r => r.Series),
        new("lesion_id", ColumnType.Text, r => r.LesionId),
        new("region", ColumnType.Text, r => r.Region),
        new("views", ColumnType.Text, r => r.Views),
        new("x", ColumnType.Integer, r => r.X),
        new("y", ColumnType.Integer, r => r.Y),
        new("peak_ratio", ColumnType.Real, r => r.PeakRatio),
        new("area_mm2", ColumnType.Real, r => r.AreaMm2),
    ]);
}
