namespace Imaging.Contracts;

/// <summary>An analyzer kept its findings for a series (new, or replacing those of an older ready version).</summary>
public sealed record FindingsProduced(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string Analyzer,
    string AnalyzerVersion,
    int ReadyVersion,
    DateTimeOffset ProducedAt);
