using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native.Interop;

/// <summary>CharLS 2.x <c>charls_frame_info</c> (public_types.h): 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CharLsFrameInfo
{
    public uint Width;
    public uint Height;
    public int BitsPerSample;
    public int ComponentCount;
}
