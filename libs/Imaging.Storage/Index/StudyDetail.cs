namespace Imaging.Storage;

/// <summary>One study with its series.</summary>
public sealed record StudyDetail(StudySummary Study, string? PatientBirthDate, string? PatientSex, IReadOnlyList<SeriesSummary> Series);
