namespace Imaging.Storage;

/// <summary>What one analyzer found in one series at one ready version.</summary>
/// <param name="Analyzer">Stable name, e.g. <c>metadata</c>, <c>bone-scan</c>, <c>spine</c>.</param>
/// <param name="Payload">The findings as a JSON document (the analyzer's own schema, versioned by <paramref name="AnalyzerVersion"/>).</param>
public sealed record FindingsRecord(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string Analyzer,
    string AnalyzerVersion,
    int ReadyVersion,
    string Payload,
    DateTimeOffset ProducedAt);
