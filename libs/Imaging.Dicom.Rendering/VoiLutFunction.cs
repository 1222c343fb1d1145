namespace Imaging.Dicom.Rendering;

/// <summary>VOI LUT Function (0028,1056): how a window's center and width map values to output (PS3.3 C.11.2.1.2).</summary>
public enum VoiLutFunction
{
    Linear,
    LinearExact,
    Sigmoid,
}
