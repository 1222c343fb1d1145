namespace Imaging.Analysis;

/// <summary>What an analyzer asks an <see cref="IPriorFindingsSource"/>: its own name and the study being analysed (the
/// source knows the patient from the study; findings carry no patient identity).</summary>
public sealed record PriorFindingsRequest(string Analyzer, string? StudyInstanceUid, string? SeriesInstanceUid, DateOnly? StudyDate);
