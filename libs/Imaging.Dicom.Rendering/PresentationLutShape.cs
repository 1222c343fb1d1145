namespace Imaging.Dicom.Rendering;

/// <summary>Presentation LUT Shape (2050,0020): whether the VOI output is shown as is or inverted (PS3.3 C.11.6).</summary>
public enum PresentationLutShape
{
    Identity,
    Inverse,
}
