namespace Imaging.Dicom.Segmentation;

/// <summary>Segmentation Type (0062,0001): BINARY frames hold one bit per pixel, FRACTIONAL frames one byte (probability
/// or occupancy scaled to Maximum Fractional Value).</summary>
public enum SegmentationType
{
    Binary,
    Fractional,
}
