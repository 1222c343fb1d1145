namespace Imaging.Dicom.Segmentation;

/// <summary>Where one SEG frame lies and which segment it belongs to, from its per-frame (or shared) functional groups.</summary>
/// <param name="Index">Zero-based frame index in the Pixel Data.</param>
/// <param name="SegmentNumber">Referenced Segment Number of the Segment Identification macro.</param>
/// <param name="Position">Image Position (Patient) of the first pixel, mm (Plane Position macro).</param>
/// <param name="Orientation">Image Orientation (Patient): row then column direction cosines (Plane Orientation macro).</param>
/// <param name="PixelSpacing">Row spacing (between rows) then column spacing, mm (Pixel Measures macro).</param>
/// <param name="SourceInstances">SOP Instance UIDs of the Derivation Image macro's source images (may be empty).</param>
public sealed record SegmentationFrame(
    int Index,
    int SegmentNumber,
    double[] Position,
    double[] Orientation,
    double[] PixelSpacing,
    double? SliceThickness,
    long[]? DimensionIndexValues,
    IReadOnlyList<string> SourceInstances);
