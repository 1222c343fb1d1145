using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>OpenJPEG 2.5 <c>opj_image_t</c> (openjpeg.h): 48 bytes on 64-bit, components at offset 24.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImage
{
    public uint X0;
    public uint Y0;
    public uint X1;
    public uint Y1;
    public uint ComponentCount;
    public int ColorSpace;
    public OpjImageComponent* Components;
    public byte* IccProfile;
    public uint IccProfileLength;
}
