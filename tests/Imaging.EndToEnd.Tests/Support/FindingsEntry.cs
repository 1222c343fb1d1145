namespace Imaging.EndToEnd.Tests.Support;

/// <summary>One findings record: which analyzer, for which ready version, and from the metadata payload the instance count,
/// modality and content classification the worker read from the stored files.</summary>
public sealed record FindingsEntry(string Analyzer, string AnalyzerVersion, int ReadyVersion, int? PayloadInstanceCount, string? PayloadModality,
    string? ContentKind);
