namespace Imaging.Dicom.Rendering;

/// <summary>How to window a grayscale frame that carries no window and no VOI LUT.</summary>
public enum AutoWindowMode
{
    /// <summary>The window spans the smallest to the largest modality value of the frame (like dcm2pnm +Wm).</summary>
    MinMax,

    /// <summary>The window spans the 1st to the 99th percentile of the frame's modality values, so a few outliers
    /// (padding, metal) do not flatten the rest.</summary>
    Percentile,
}
