using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>OpenJPEG 2.5 <c>opj_image_comp_t</c> (openjpeg.h): 64 bytes on 64-bit, data at offset 48.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImageComponent
{
    public uint Dx;
    public uint Dy;
    public uint Width;
    public uint Height;
    public uint X0;
    public uint Y0;
    public uint Precision;
    public uint DeprecatedBitsPerPixel;
    public uint Signed;
    public uint ResolutionsDecoded;
    public uint Factor;
    public int* Data;
    public ushort Alpha;
}
