namespace Imaging.Reporting;

/// <summary>One rendered frame of the key image (e.g. the anterior view) and the marks drawn on it.</summary>
/// <param name="FrameNumber">1-based frame of the source instance.</param>
public sealed record KeyImageView(int FrameNumber, IReadOnlyList<KeyImageMark> Marks);
