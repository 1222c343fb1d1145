using System.Buffers.Binary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Codecs.Native.Tests.Support;

/// <summary>How far two decoded frames are apart, sample by sample, read as the description's values.</summary>
/// <remarks>Only the Bits Stored bits are a sample's value (PS3.5 8.1.1): DCMTK leaves the bits above them as the
/// codec wrote them, our decoders sign-extend; both read the same here.</remarks>
internal sealed record SampleDifference(int Samples, int Differing, long MaximumError, double MeanError, int FirstDifference)
{
    public static SampleDifference Between(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, PixelDataDescription description)
    {
        var bytes = description.BytesPerSample;
        var count = (int)(description.FrameLength / bytes);
        if (expected.Length < count * bytes || actual.Length < count * bytes)
            throw new ArgumentException($"Frames hold {expected.Length} and {actual.Length} bytes, {count * bytes} expected");
        int differing = 0, first = -1;
        long maximum = 0;
        double total = 0;
        for (var i = 0; i < count; i++)
        {
            var error = Math.Abs(Value(expected, i, description) - Value(actual, i, description));
            if (error == 0) continue;
            if (first < 0) first = i;
            differing++;
            maximum = Math.Max(maximum, error);
            total += error;
        }
        return new SampleDifference(count, differing, maximum, total / count, first);
    }

    public static long Value(ReadOnlySpan<byte> data, int index, PixelDataDescription description)
    {
        var raw = Read(data, index, description.BytesPerSample, signed: false);
        var bits = description.BitsStored;
        var value = bits >= 64 ? raw : raw & ((1L << bits) - 1);
        if (description.IsSigned && bits < 64 && (value & (1L << (bits - 1))) != 0) value -= 1L << bits;
        return value;
    }

    /// <summary>True when every sample's container holds its value sign-extended (signed) or zero-extended (unsigned).</summary>
    public static bool IsExtended(ReadOnlySpan<byte> data, PixelDataDescription description)
    {
        var count = (int)(description.FrameLength / description.BytesPerSample);
        for (var i = 0; i < count; i++)
            if (Read(data, i, description.BytesPerSample, description.IsSigned) != Value(data, i, description)) return false;
        return true;
    }

    private static long Read(ReadOnlySpan<byte> data, int index, int bytes, bool signed) => bytes switch
    {
        1 => signed ? (sbyte)data[index] : data[index],
        2 => signed ? BinaryPrimitives.ReadInt16LittleEndian(data[(index * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[(index * 2)..]),
        _ => signed ? BinaryPrimitives.ReadInt32LittleEndian(data[(index * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(index * 4)..]),
    };

    public override string ToString() =>
        $"{Differing} of {Samples} samples differ, max error {MaximumError}, mean {MeanError:F4}" + (FirstDifference >= 0 ? $", first at sample {FirstDifference}" : "");
}
