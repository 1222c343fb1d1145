namespace Imaging.Export;

/// <summary>The cohort of an export: an explicit patient list and/or a query; every criterion given must match
/// (a study is exported when its patient is listed, or when no list is given, and it passes every filter).</summary>
/// <param name="PatientIds">Original patient IDs; empty for "all patients matching the filters".</param>
/// <param name="Modalities">Studies with a series of one of these modalities (e.g. NM, CT, MR); empty for any.
/// Only the series of these modalities are exported when given.</param>
/// <param name="StudyDateFrom">Earliest study date, inclusive.</param>
/// <param name="StudyDateTo">Latest study date, inclusive.</param>
/// <param name="MinimumLesionCount">Only studies whose bone-scan findings count at least this many lesions.</param>
/// <param name="FlaggedLevel">Only studies whose spine findings flag this vertebral level (e.g. "T7").</param>
/// <param name="AnyFlaggedLevel">Only studies whose spine findings flag at least one level.</param>
public sealed record ExportSelection(
    IReadOnlyList<string> PatientIds,
    IReadOnlyList<string> Modalities,
    DateOnly? StudyDateFrom = null,
    DateOnly? StudyDateTo = null,
    int? MinimumLesionCount = null,
    string? FlaggedLevel = null,
    bool AnyFlaggedLevel = false)
{
    /// <summary>True when nothing narrows the cohort: an export of the whole archive, which callers must refuse
    /// unless asked explicitly.</summary>
    public bool IsEverything =>
        PatientIds.Count == 0 && Modalities.Count == 0 && StudyDateFrom is null && StudyDateTo is null
        && MinimumLesionCount is null && FlaggedLevel is null && !AnyFlaggedLevel;
}
