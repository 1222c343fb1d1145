using System.Globalization;

namespace Imaging.Storage;

/// <summary>Which studies and series an export takes; every criterion given must hold (see <c>ExportSelection</c>).</summary>
/// <param name="PatientIds">Original patient IDs; empty for any patient.</param>
/// <param name="Modalities">A study qualifies when one of its series has one of these modalities, and only those
/// series are exported; empty for any.</param>
/// <param name="StudyDateFrom">Earliest Study Date, inclusive.</param>
/// <param name="StudyDateTo">Latest Study Date, inclusive.</param>
/// <param name="MinimumLesionCount">The study has a bone-scan findings document counting at least this many lesions.</param>
/// <param name="FlaggedLevel">The study has a spine findings document flagging this level.</param>
/// <param name="AnyFlaggedLevel">The study has a spine findings document flagging at least one level.</param>
public sealed record ExportCohort(
    IReadOnlyList<string> PatientIds,
    IReadOnlyList<string> Modalities,
    DateOnly? StudyDateFrom = null,
    DateOnly? StudyDateTo = null,
    int? MinimumLesionCount = null,
    string? FlaggedLevel = null,
    bool AnyFlaggedLevel = false)
{
    /// <summary>Most patient IDs in one list: a cohort bigger than this is a query, not a list.</summary>
    public const int MaximumPatientIds = 100_000;

    /// <summary>Most modalities in one list.</summary>
    public const int MaximumModalities = 32;

    /// <summary>The analyzer whose documents carry lesion counts.</summary>
    internal const string BoneScanAnalyzer = "bone-scan";

    /// <summary>The analyzer whose documents carry flagged levels.</summary>
    internal const string SpineAnalyzer = "spine";

    /// <summary>Throws <see cref="ArgumentException"/> for values no caller should pass (the API and CLI check first).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(PatientIds);
        ArgumentNullException.ThrowIfNull(Modalities);
        if (PatientIds.Count > MaximumPatientIds) throw new ArgumentException($"At most {MaximumPatientIds} patient IDs.", nameof(PatientIds));
        foreach (var id in PatientIds)
        {
            if (string.IsNullOrEmpty(id) || id.Length > 64) throw new ArgumentException("A patient ID is empty or longer than 64 characters.", nameof(PatientIds));
        }
        if (Modalities.Count > MaximumModalities) throw new ArgumentException($"At most {MaximumModalities} modalities.", nameof(Modalities));
        foreach (var modality in Modalities)
        {
            if (string.IsNullOrEmpty(modality) || modality.Length > 16) throw new ArgumentException("A modality is empty or longer than 16 characters.", nameof(Modalities));
        }
        if (StudyDateFrom is { } from && StudyDateTo is { } to && from > to)
            throw new ArgumentException("The study date range ends before it starts.", nameof(StudyDateTo));
        if (MinimumLesionCount is < 0) throw new ArgumentException("The minimum lesion count is negative.", nameof(MinimumLesionCount));
        if (FlaggedLevel is not null && (FlaggedLevel.Length is 0 or > 16))
            throw new ArgumentException("The flagged level is empty or longer than 16 characters.", nameof(FlaggedLevel));
    }

    /// <summary>DA text of a bound: DA sorts like the date it names, so ranges are text comparisons.</summary>
    internal static string Da(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
