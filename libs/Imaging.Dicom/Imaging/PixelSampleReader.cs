using System.Buffers.Binary;

namespace Imaging.Dicom.Imaging;

/// <summary>Reads stored sample values out of a native frame: the Bits Stored bits below High Bit, masked, and sign-extended
/// when Pixel Representation is 1, whatever the unused high bits of each container hold (PS3.5 8.1.1).</summary>
public sealed class PixelSampleReader
{
    private readonly PixelDataDescription _description;
    private readonly int _shift;
    private readonly uint _mask;
    private readonly int _signBits;

    public PixelSampleReader(PixelDataDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (description.BitsAllocated is not (1 or 8 or 16 or 32))
            throw new PixelDataException($"Samples of Bits Allocated {description.BitsAllocated} are not integer pixel data");
        _description = description;
        _shift = description.HighBit + 1 - description.BitsStored;
        _mask = description.BitsStored >= 32 ? uint.MaxValue : (1u << description.BitsStored) - 1;
        _signBits = 32 - description.BitsStored;
        MinimumValue = description.IsSigned ? -(1L << (description.BitsStored - 1)) : 0;
        MaximumValue = description.IsSigned ? (1L << (description.BitsStored - 1)) - 1 : (1L << description.BitsStored) - 1;
    }

    /// <summary>The smallest value Bits Stored and Pixel Representation allow.</summary>
    public long MinimumValue { get; }

    /// <summary>The largest value Bits Stored and Pixel Representation allow.</summary>
    public long MaximumValue { get; }

    /// <summary>The value of <paramref name="sample"/> of pixel <paramref name="pixel"/> (row-major), honouring Planar Configuration.</summary>
    public long GetSample(ReadOnlySpan<byte> frame, long pixel, int sample = 0)
    {
        var d = _description;
        if ((ulong)pixel >= (ulong)d.PixelCount) throw new ArgumentOutOfRangeException(nameof(pixel));
        if ((uint)sample >= (uint)d.SamplesPerPixel) throw new ArgumentOutOfRangeException(nameof(sample));
        var index = d.PlanarConfiguration == 1 ? sample * d.PixelCount + pixel : pixel * d.SamplesPerPixel + sample;
        return Convert(ReadContainer(frame, index));
    }

    /// <summary>All values of one sample (channel) of a frame, in pixel order; <paramref name="destination"/> holds Rows × Columns values.</summary>
    /// <remarks>Values are ints because every integer pixel format of DICOM fits except unsigned 32-bit stored data, which is refused.</remarks>
    public void ReadSamples(ReadOnlySpan<byte> frame, int sample, Span<int> destination)
    {
        var d = _description;
        if ((uint)sample >= (uint)d.SamplesPerPixel) throw new ArgumentOutOfRangeException(nameof(sample));
        if (!d.IsSigned && d.BitsStored == 32) throw new PixelDataException("Unsigned 32-bit stored values do not fit 32-bit integers; use GetSample");
        var count = checked((int)d.PixelCount);
        if (destination.Length < count) throw new ArgumentException($"The destination holds {destination.Length} values, the frame has {count}", nameof(destination));
        var needed = d.FrameLength;
        if (frame.Length < needed) throw new PixelDataException($"The frame holds {frame.Length} bytes, {needed} expected");
        long start, step;
        if (d.PlanarConfiguration == 1) { start = (long)sample * count; step = 1; }
        else { start = sample; step = d.SamplesPerPixel; }

        if (d.BitsAllocated == 16 && step == 1 && start == 0 && _shift == 0)
        {
            // The common CT/MR case, kept free of per-sample branching.
            var span = frame[..(count * 2)];
            if (d.IsSigned)
            {
                for (var i = 0; i < count; i++)
                    destination[i] = (int)((uint)BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..]) << _signBits) >> _signBits;
            }
            else
            {
                for (var i = 0; i < count; i++)
                    destination[i] = (int)(BinaryPrimitives.ReadUInt16LittleEndian(span[(i * 2)..]) & _mask);
            }
            return;
        }
        for (var i = 0; i < count; i++) destination[i] = (int)Convert(ReadContainer(frame, start + i * step));
    }

    private uint ReadContainer(ReadOnlySpan<byte> frame, long index) => _description.BitsAllocated switch
    {
        1 => (uint)(frame[(int)(index >> 3)] >> (int)(index & 7)) & 1,
        8 => frame[(int)index],
        16 => BinaryPrimitives.ReadUInt16LittleEndian(frame[(int)(index * 2)..]),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(frame[(int)(index * 4)..]),
    };

    private long Convert(uint container)
    {
        var value = (container >> _shift) & _mask;
        if (!_description.IsSigned) return value;
        return (int)(value << _signBits) >> _signBits;
    }

    /// <summary>Rewrites signed samples whose Bits Stored is below Bits Allocated so that each container holds the
    /// sign-extended value, as decoders promise; data with High Bit above Bits Stored − 1 is left alone (the stored
    /// bits are not the low ones, and only this reader can interpret them).</summary>
    public static void SignExtendInPlace(Span<byte> frame, PixelDataDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!description.IsSigned || description.BitsStored >= description.BitsAllocated || description.HighBit != description.BitsStored - 1) return;
        switch (description.BitsAllocated)
        {
            case 8:
            {
                var bits = 32 - description.BitsStored;
                for (var i = 0; i < frame.Length; i++) frame[i] = (byte)((int)((uint)frame[i] << bits) >> bits);
                break;
            }
            case 16:
            {
                var bits = 32 - description.BitsStored;
                for (var i = 0; i + 1 < frame.Length; i += 2)
                {
                    var v = (int)((uint)BinaryPrimitives.ReadUInt16LittleEndian(frame[i..]) << bits) >> bits;
                    BinaryPrimitives.WriteInt16LittleEndian(frame[i..], (short)v);
                }
                break;
            }
            case 32:
            {
                var bits = 32 - description.BitsStored;
                for (var i = 0; i + 3 < frame.Length; i += 4)
                    BinaryPrimitives.WriteInt32LittleEndian(frame[i..], (int)(BinaryPrimitives.ReadUInt32LittleEndian(frame[i..]) << bits) >> bits);
                break;
            }
        }
    }
}
