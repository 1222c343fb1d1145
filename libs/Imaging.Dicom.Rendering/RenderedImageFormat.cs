namespace Imaging.Dicom.Rendering;

/// <summary>The file formats a rendered frame can be written in.</summary>
public enum RenderedImageFormat
{
    Png,
    Jpeg,
}
