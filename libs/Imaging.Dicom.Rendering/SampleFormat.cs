using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>Where a stored value sits in its Bits Allocated container (PS3.5 8.1.1) and how to read it back.</summary>
/// <remarks>A private reader: the core may offer one later, this can then be swapped for it.</remarks>
internal readonly record struct SampleFormat(int BytesPerSample, int Shift, int BitsStored, bool Signed)
{
    /// <summary>The bits that hold the stored value once shifted down; bits above High Bit may carry overlays or garbage.</summary>
    public uint Mask => BitsStored >= 32 ? uint.MaxValue : (1u << BitsStored) - 1;

    /// <param name="shiftHighBit">False for codecs that hand back values in the low bits whatever High Bit says (JPEG, JPEG-LS, JPEG 2000).</param>
    public static SampleFormat For(PixelDataDescription description, bool shiftHighBit)
    {
        if (description.BitsAllocated is not (8 or 16 or 32))
            throw new PixelDataException($"Rendering {description.BitsAllocated}-bit allocated samples is not supported (8, 16 or 32)");
        var shift = shiftHighBit ? description.HighBit - description.BitsStored + 1 : 0;
        return new SampleFormat(description.BytesPerSample, shift, description.BitsStored, description.IsSigned);
    }

    /// <summary>The stored bit pattern of sample <paramref name="index"/>, without the bits outside Bits Stored.</summary>
    public uint ReadPattern(ReadOnlySpan<byte> data, int index)
    {
        uint raw = BytesPerSample switch
        {
            1 => data[index],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(data[(index * 2)..]),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(data[(index * 4)..]),
        };
        return (raw >> Shift) & Mask;
    }

    /// <summary>The value a stored bit pattern represents: two's complement over Bits Stored when signed.</summary>
    public long ToValue(uint pattern)
    {
        if (!Signed || BitsStored >= 64) return pattern;
        var signBit = 1L << (BitsStored - 1);
        return ((long)pattern ^ signBit) - signBit;
    }

    /// <summary>Reads sample <paramref name="index"/> as its value.</summary>
    public long ReadValue(ReadOnlySpan<byte> data, int index) => ToValue(ReadPattern(data, index));
}
