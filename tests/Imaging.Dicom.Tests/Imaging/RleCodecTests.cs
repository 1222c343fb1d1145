using System.Buffers;
using System.Buffers.Binary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Imaging.Codecs;

namespace Imaging.Dicom.Tests.Imaging;

/// <summary>The RLE codec on hand-made streams: round trips of every supported layout, and every way a hostile stream can
/// be wrong ending in <see cref="PixelDataException"/>.</summary>
public sealed class RleCodecTests
{
    private static readonly PixelDataDescription Mono16 = new(4, 5, 1, 16, 16, 15, false, 0, "MONOCHROME2", 1);

    private static byte[] Encode(ReadOnlySpan<byte> frame, PixelDataDescription description)
    {
        var output = new ArrayBufferWriter<byte>();
        new RleEncoder().Encode(frame, description, output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Decode(byte[] encoded, PixelDataDescription description)
    {
        var frame = new byte[description.FrameLength];
        new RleDecoder().Decode(encoded, description, frame);
        return frame;
    }

    private static byte[] Ramp(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i / 3 * 7))];

    public static TheoryData<int, int, int, bool> Layouts() => new()
    {
        { 1, 8, 0, false }, { 1, 16, 0, false }, { 1, 16, 0, true }, { 1, 32, 0, false }, { 3, 8, 0, false }, { 3, 8, 1, false }, { 3, 16, 0, false },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Round_trips_every_supported_layout(int samples, int bits, int planar, bool signed)
    {
        var description = new PixelDataDescription(7, 300, samples, bits, bits, bits - 1, signed, planar, samples == 3 ? "RGB" : "MONOCHROME2", 1);
        var frame = Ramp((int)description.FrameLength);

        var encoded = Encode(frame, description);

        Assert.Equal(samples * bits / 8, BinaryPrimitives.ReadInt32LittleEndian(encoded));
        Assert.Equal(0, encoded.Length % 2);
        Assert.Equal(frame, Decode(encoded, description));
    }

    [Fact]
    public void Encodes_a_flat_row_as_replicate_runs_of_at_most_128()
    {
        var description = new PixelDataDescription(1, 300, 1, 8, 8, 7, false, 0, "MONOCHROME2", 1);
        var encoded = Encode(new byte[300], description);

        // 300 = 128 + 128 + 44: three replicate runs of two bytes each, after the 64-byte header.
        Assert.Equal(new byte[] { 0x81, 0, 0x81, 0, 0xD5, 0 }, encoded[64..]);
    }

    [Fact]
    public void Ignores_padding_after_a_full_plane_and_no_op_headers()
    {
        var encoded = new byte[64 + 8];
        encoded[0] = 1;
        encoded[4] = 64;
        // -128 (no-op), then a replicate run of 4 × 9, then padding.
        new byte[] { 0x80, 0xFD, 9, 0, 0, 0, 0, 0 }.CopyTo(encoded, 64);
        var description = new PixelDataDescription(2, 2, 1, 8, 8, 7, false, 0, "MONOCHROME2", 1);

        Assert.Equal(new byte[] { 9, 9, 9, 9 }, Decode(encoded, description));
    }

    [Fact]
    public void Sign_extends_signed_samples_with_fewer_bits_stored()
    {
        var description = new PixelDataDescription(1, 2, 1, 16, 12, 11, true, 0, "MONOCHROME2", 1);
        var raw = new byte[] { 0xFF, 0x0F, 0x01, 0xF0 }; // 0x0FFF = -1 in 12 bits; 0xF001 = +1 with garbage above bit 11
        var decoded = Decode(Encode(raw, description), description);

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x01, 0x00 }, decoded);
    }

    public static TheoryData<string> CorruptionNames() =>
    [
        "shorter than the header", "segment count too small", "segment count too large", "offset beyond the frame",
        "offset inside the header", "offsets not increasing", "segment ends early", "literal past the segment",
        "replicate past the plane", "literal past the plane", "replicate without a value", "empty",
    ];

    private static byte[] Corrupt(string name)
    {
        var description = Mono16;
        var good = Encode(Ramp((int)description.FrameLength), description);
        var bytes = (byte[])good.Clone();
        switch (name)
        {
            case "shorter than the header": return bytes[..40];
            case "empty": return [];
            case "segment count too small": bytes[0] = 1; return bytes;
            case "segment count too large": bytes[0] = 3; return bytes;
            case "offset beyond the frame": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)bytes.Length + 10); return bytes;
            case "offset inside the header": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 12); return bytes;
            case "offsets not increasing": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 64); return bytes;
            case "segment ends early": return bytes[..^4];
            case "literal past the segment":
            {
                var s = new byte[64 + 6];
                s[0] = 1; s[4] = 64;
                s[64] = 20; // literal of 21 bytes, 5 present
                return s;
            }
            case "replicate past the plane":
            {
                var s = new byte[64 + 2];
                s[0] = 1; s[4] = 64;
                s[64] = 0x81; // 128 copies into a 4-byte plane
                return s;
            }
            case "literal past the plane":
            {
                var s = new byte[64 + 10];
                s[0] = 1; s[4] = 64;
                s[64] = 7; // 8 literal bytes into a 4-byte plane
                return s;
            }
            case "replicate without a value":
            {
                var s = new byte[64 + 1];
                s[0] = 1; s[4] = 64;
                s[64] = 0xFE;
                return s;
            }
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    [Theory]
    [MemberData(nameof(CorruptionNames))]
    public void A_corrupt_stream_ends_in_a_PixelDataException(string corruption)
    {
        var bytes = Corrupt(corruption);
        var description = corruption is "literal past the segment" or "replicate past the plane" or "literal past the plane" or "replicate without a value"
            ? new PixelDataDescription(2, 2, 1, 8, 8, 7, false, 0, "MONOCHROME2", 1)
            : Mono16;

        var error = Assert.Throws<PixelDataException>(() => Decode(bytes, description));
        Assert.Contains("RLE", error.Message);
    }

    [Fact]
    public void Every_truncation_of_a_real_frame_ends_in_a_PixelDataException()
    {
        var description = new PixelDataDescription(16, 40, 3, 8, 8, 7, false, 0, "RGB", 1);
        var good = Encode(Ramp((int)description.FrameLength), description);
        for (var length = 0; length < good.Length - 1; length++)
        {
            var cut = good[..length];
            try
            {
                Decode(cut, description);
            }
            catch (PixelDataException)
            {
                continue;
            }
            // A cut inside trailing padding may still hold the whole image; it must then decode correctly.
            Assert.Equal(Decode(good, description), Decode(cut, description));
        }
    }

    [Fact]
    public void Refuses_bit_depths_it_cannot_represent()
    {
        var oneBit = new PixelDataDescription(8, 8, 1, 1, 1, 0, false, 0, "MONOCHROME2", 1);
        Assert.False(new RleEncoder().CanEncode(oneBit, out var reason));
        Assert.Contains("Bits Allocated 1", reason);
        Assert.Throws<PixelDataException>(() => Decode(new byte[64], oneBit));
    }

    [Fact]
    public void A_destination_shorter_than_a_frame_is_an_argument_error()
    {
        var encoded = Encode(new byte[Mono16.FrameLength], Mono16);
        Assert.Throws<ArgumentException>(() => new RleDecoder().Decode(encoded, Mono16, new byte[Mono16.FrameLength - 1]));
    }

    [Fact]
    public void The_default_registry_holds_the_rle_and_encapsulated_uncompressed_codecs()
    {
        var registry = PixelCodecRegistry.Default;
        Assert.IsType<RleDecoder>(registry.GetDecoder(global::Imaging.Dicom.IO.DicomTransferSyntax.RleLossless));
        Assert.IsType<RleEncoder>(registry.GetEncoder(global::Imaging.Dicom.IO.DicomTransferSyntax.RleLossless));
        Assert.True(registry.TryGetDecoder(global::Imaging.Dicom.IO.DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian, out _));
        Assert.True(registry.TryGetEncoder(global::Imaging.Dicom.IO.DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian, out _));
    }
}
