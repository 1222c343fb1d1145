namespace Imaging.Analysis;

/// <summary>What a derived series says about its source images: the series it names (Referenced Series Sequence), its
/// Frame of Reference and study, and its own series (never an answer).</summary>
public sealed record ReferencedSeriesRequest(
    string? StudyInstanceUid,
    IReadOnlyList<string> SeriesInstanceUids,
    string? FrameOfReferenceUid,
    string? RequestingSeriesInstanceUid);
