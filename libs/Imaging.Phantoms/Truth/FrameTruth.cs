namespace Imaging.Phantoms.Truth;

/// <summary>Where a view is stored: instance, 0-based frame, and whether it is mirrored left–right against the anterior
/// frame (the posterior view is).</summary>
public sealed record FrameTruth(string View, string SeriesInstanceUid, string SopInstanceUid, int Frame, bool Mirrored, long Counts);
