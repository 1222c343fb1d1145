using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting;

/// <summary>The Image Pixel module of an 8-bit RGB canvas (PS3.3 C.7.6.3), as the key images write it.</summary>
internal static class RgbImagePixelModule
{
    /// <summary>Sets samples, photometric interpretation, size, bit depth and the pixel data of <paramref name="canvas"/>.</summary>
    public static void Write(DicomDataset ds, RgbCanvas canvas)
    {
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)3);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "RGB");
        ds.SetValues(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)0);
        ds.SetValues(DicomTags.Rows, DicomVR.US, checked((ushort)canvas.Height));
        ds.SetValues(DicomTags.Columns, DicomVR.US, checked((ushort)canvas.Width));
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)7);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        var pixels = canvas.Pixels;
        // OB values have even length: pad an odd frame with one zero byte (PS3.5 8.1.1).
        if ((pixels.Length & 1) == 1) Array.Resize(ref pixels, pixels.Length + 1);
        ds.Set(new DicomElement(DicomTag.PixelData, DicomVR.OB, DicomBuffer.FromBytes(pixels)));
    }
}
