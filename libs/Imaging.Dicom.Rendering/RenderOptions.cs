namespace Imaging.Dicom.Rendering;

/// <summary>Choices for rendering one frame; the defaults follow the file (first window, else first VOI LUT, else min/max).</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>A window to use instead of the file's.</summary>
    public VoiWindow? Window { get; init; }

    /// <summary>Which of the file's windows (0-based) to use when <see cref="Window"/> is not set.</summary>
    public int WindowIndex { get; init; }

    /// <summary>Use item N (0-based) of the VOI LUT Sequence (0028,3010) rather than a window.</summary>
    public int? VoiLutIndex { get; init; }

    /// <summary>Ignore the file's windows and VOI LUTs and compute a window from the frame's values.</summary>
    public bool ForceAutoWindow { get; init; }

    public AutoWindowMode AutoWindow { get; init; } = AutoWindowMode.MinMax;

    /// <summary>Overrides the file's Presentation LUT Shape and the MONOCHROME1 inversion.</summary>
    public PresentationLutShape? PresentationShape { get; init; }
}
