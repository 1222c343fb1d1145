using Imaging.Dicom.Rendering;

namespace Imaging.Reporting;

/// <summary>One rendered frame of the key image (e.g. the anterior view) and the marks drawn on it.</summary>
/// <param name="FrameNumber">1-based frame of the source instance.</param>
public sealed record KeyImageView(int FrameNumber, IReadOnlyList<KeyImageMark> Marks)
{
    /// <summary>Which of the sources (0-based) the frame belongs to, when the views come from several instances (one
    /// instance per view).</summary>
    public int Source { get; init; }

    /// <summary>Rendering of this view instead of <see cref="KeyImageContent.RenderOptions"/> (e.g. a window scaled to this
    /// view's normal bone).</summary>
    public RenderOptions? RenderOptions { get; init; }
}
