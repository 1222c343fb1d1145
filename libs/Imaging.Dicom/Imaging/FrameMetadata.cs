using Imaging.Dicom.Data;

namespace Imaging.Dicom.Imaging;

/// <summary>What one frame needs besides its samples: rescale, windows, geometry, and for NM its position in the frame vectors.</summary>
/// <param name="Frame">Zero-based frame index.</param>
/// <param name="RescaleSlope">Modality rescale slope (1 when absent).</param>
/// <param name="RescaleIntercept">Modality rescale intercept (0 when absent).</param>
/// <param name="Windows">Window center/width pairs in the order the dataset lists them (may be empty).</param>
/// <param name="ImagePositionPatient">x, y, z of the first pixel in mm, or null.</param>
/// <param name="ImageOrientationPatient">Row then column direction cosines, or null.</param>
/// <param name="PixelSpacing">Row spacing then column spacing in mm, or null.</param>
public sealed record FrameMetadata(
    int Frame,
    double RescaleSlope,
    double RescaleIntercept,
    string? RescaleType,
    IReadOnlyList<WindowSetting> Windows,
    string? VoiLutFunction,
    double[]? ImagePositionPatient,
    double[]? ImageOrientationPatient,
    double[]? PixelSpacing,
    double? SliceThickness,
    double? SpacingBetweenSlices,
    long[]? DimensionIndexValues,
    NuclearMedicineFrameIndex? NuclearMedicine);

/// <summary>One VOI window (PS3.3 C.11.2): center, width and its explanation.</summary>
public readonly record struct WindowSetting(double Center, double Width, string? Explanation);

/// <summary>Where an NM frame sits in the multi-frame dimensions its Frame Increment Pointer names (PS3.3 C.8.4.8); each
/// index is the one-based value of that frame in the vector, or null when the vector is not a frame dimension.</summary>
/// <param name="DetectorView">Code Meaning of the View Code of the frame's Detector Information item (e.g. "anterior"), when present.</param>
public sealed record NuclearMedicineFrameIndex(
    IReadOnlyList<DicomTag> FrameIncrementPointers,
    int? EnergyWindow,
    int? Detector,
    int? Phase,
    int? Rotation,
    int? RRInterval,
    int? TimeSlot,
    int? Slice,
    int? AngularView,
    int? TimeSlice,
    string? DetectorView);
