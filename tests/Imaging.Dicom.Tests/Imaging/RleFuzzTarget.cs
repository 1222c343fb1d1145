using System.Buffers;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Imaging.Codecs;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>What RLE fuzz inputs did; counts only.</summary>
public sealed class RleFuzzOutcome
{
    public int Decoded { get; set; }

    public int Rejected { get; set; }

    public void Add(RleFuzzOutcome other)
    {
        Decoded += other.Decoded;
        Rejected += other.Rejected;
    }

    public override string ToString() => $"decoded {Decoded}, rejected {Rejected}";
}

/// <summary>The RLE decoder's fuzz target, shared by the SharpFuzz harness (tests/fuzz, target <c>rle</c>) and
/// <see cref="RleFuzzSmokeTests"/>. An input is a 4-byte image description followed by one encoded frame; the decoder
/// may only return or throw <see cref="PixelDataException"/>, and whatever it decodes must survive our encoder and
/// decode to the same bytes again.</summary>
/// <remarks>Uses only the public API so the fuzz project can compile this file by link.</remarks>
public static class RleFuzzTarget
{
    /// <summary>Bytes of the description prefix: rows, columns, layout flags, bits stored below allocated.</summary>
    public const int PrefixLength = 4;

    public static RleFuzzOutcome Run(ReadOnlySpan<byte> data)
    {
        var outcome = new RleFuzzOutcome();
        if (data.Length < PrefixLength)
        {
            outcome.Rejected++;
            return outcome;
        }
        var description = Describe(data[..PrefixLength]);
        var encoded = data[PrefixLength..];
        var frame = new byte[description.FrameLength];
        try
        {
            new RleDecoder().Decode(encoded, description, frame);
        }
        catch (PixelDataException)
        {
            outcome.Rejected++;
            return outcome;
        }
        outcome.Decoded++;

        var output = new ArrayBufferWriter<byte>();
        new RleEncoder().Encode(frame, description, output);
        var again = new byte[frame.Length];
        new RleDecoder().Decode(output.WrittenSpan, description, again);
        if (!again.AsSpan().SequenceEqual(frame)) throw new InvalidOperationException("Re-encoding a decoded frame changed its samples");
        return outcome;
    }

    /// <summary>A small image description from four bytes, covering 8/16/32 bits, 1 or 3 samples, both planar configurations, signed data.</summary>
    public static PixelDataDescription Describe(ReadOnlySpan<byte> prefix)
    {
        var rows = prefix[0] % 64 + 1;
        var columns = prefix[1] % 64 + 1;
        var flags = prefix[2];
        var bits = (flags & 3) switch { 1 => 16, 2 => 32, _ => 8 };
        var samples = (flags & 4) != 0 ? 3 : 1;
        var planar = samples == 3 && (flags & 8) != 0 ? 1 : 0;
        var signed = (flags & 16) != 0;
        var stored = bits - prefix[3] % Math.Min(bits, 8);
        return new PixelDataDescription(rows, columns, samples, bits, stored, stored - 1, signed, planar, samples == 3 ? "RGB" : "MONOCHROME2", 1);
    }

    /// <summary>The prefix that <see cref="Describe"/> maps back to the given layout (for seeds).</summary>
    public static byte[] Prefix(int rows, int columns, int bits, int samples, int planar, bool signed, int unusedBits) =>
    [
        (byte)(rows - 1), (byte)(columns - 1),
        (byte)((bits switch { 16 => 1, 32 => 2, _ => 0 }) | (samples == 3 ? 4 : 0) | (planar == 1 ? 8 : 0) | (signed ? 16 : 0)),
        (byte)unusedBits,
    ];

    /// <summary>Seed inputs: real encodings of small synthetic frames in each layout.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        foreach (var (bits, samples, planar, signed) in new[] { (8, 1, 0, false), (16, 1, 0, true), (32, 1, 0, false), (8, 3, 0, false), (8, 3, 1, false), (16, 3, 0, false) })
        {
            var prefix = Prefix(12, 21, bits, samples, planar, signed, bits == 16 ? 4 : 0);
            var description = Describe(prefix);
            var frame = new byte[description.FrameLength];
            for (var i = 0; i < frame.Length; i++) frame[i] = (byte)(i % 50 < 20 ? 7 : i * 13 % 256);
            var output = new ArrayBufferWriter<byte>();
            new RleEncoder().Encode(frame, description, output);
            yield return ($"rle-{bits}bit-{samples}s-pc{planar}{(signed ? "-signed" : "")}", [.. prefix, .. output.WrittenSpan]);
        }
    }
}
