using System.Runtime.InteropServices;

namespace Imaging.Dicom.Codecs.Native;

/// <summary>In-place fix-ups of decoded samples to the pixel-data contract (little endian, Bits Allocated containers).</summary>
internal static class SampleConversion
{
    /// <summary>Sign-extends every sample from <paramref name="bitsStored"/> bits to its container.</summary>
    /// <remarks>Codecs without a notion of sign (JPEG-LS) return two's-complement patterns in Bits Stored bits.</remarks>
    public static void SignExtend(Span<byte> samples, int bitsAllocated, int bitsStored)
    {
        if (bitsStored >= bitsAllocated) return;
        switch (bitsAllocated)
        {
            case 8:
            {
                var shift = 8 - bitsStored;
                var values = MemoryMarshal.Cast<byte, sbyte>(samples);
                for (var i = 0; i < values.Length; i++) values[i] = (sbyte)((sbyte)(values[i] << shift) >> shift);
                break;
            }
            case 16:
            {
                var shift = 16 - bitsStored;
                var values = MemoryMarshal.Cast<byte, short>(samples);
                for (var i = 0; i < values.Length; i++) values[i] = (short)((short)(values[i] << shift) >> shift);
                break;
            }
            case 32:
            {
                var shift = 32 - bitsStored;
                var values = MemoryMarshal.Cast<byte, int>(samples);
                for (var i = 0; i < values.Length; i++) values[i] = (values[i] << shift) >> shift;
                break;
            }
        }
    }
}
