using System.Buffers.Binary;
using Imaging.Dicom.Codecs.Native.Tests.Support;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Codecs.Native.Tests;

/// <summary>Hostile and damaged streams: every failure is a <see cref="PixelDataException"/>, oversized claims are refused
/// before anything frame-sized is allocated.</summary>
public sealed class CorruptStreamTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<EncodedFile> JpegLsCt = new(() => PixelFiles.Encoded(TestPaths.Corpus("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm")));
    private static readonly Lazy<EncodedFile> JpegLsMr = new(() => PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS8_JLSL_dcmtk.dcm")));
    private static readonly Lazy<EncodedFile> Jpeg2000Mr = new(() => PixelFiles.Encoded(TestPaths.Corpus("ct_mr/MR_brain_TS9_J2KR.dcm")));
    private static readonly Lazy<EncodedFile> HtJ2kRgb = new(() => PixelFiles.Encoded(TestPaths.Corpus("interop/ts/HTJ2KLossless_08_RGB.dcm")));

    [Theory]
    [InlineData(2)]
    [InlineData(40)]
    [InlineData(5000)]
    [InlineData(-200)]
    public void Truncated_jpeg_ls_stream_is_a_pixel_data_error_quickly(int keep)
    {
        var file = JpegLsCt.Value;
        var stream = file.Frames[0];
        var truncated = stream[..(keep > 0 ? keep : stream.Length + keep)];
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<PixelDataException>(() => Decode(new JpegLsDecoder(), truncated, file.Description));
        output.WriteLine(error.Message);
        Assert.Contains("JPEG-LS", error.Message, StringComparison.Ordinal);
        // CharLS alone burns 4-8 s of CPU on a scan cut short without a marker; the decoder must not.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"refusing a truncated stream took {started.Elapsed}");
    }

    [Fact]
    public void Jpeg_ls_stream_missing_only_its_end_of_image_marker_still_decodes()
    {
        var file = JpegLsCt.Value;
        var stream = file.Frames[0];
        Assert.Equal([0xFF, 0xD9], stream[^2..]);
        var complete = new byte[file.Description.FrameLength];
        var withoutEoi = new byte[file.Description.FrameLength];
        new JpegLsDecoder().Decode(stream, file.Description, complete);
        new JpegLsDecoder().Decode(stream[..^2], file.Description, withoutEoi);
        Assert.Equal(complete, withoutEoi);
    }

    [Theory]
    [InlineData(60000, 60000)]
    [InlineData(513, 512)]
    public void Jpeg_ls_frame_header_larger_than_the_dataset_is_refused_before_decoding(int width, int height)
    {
        var file = JpegLsCt.Value;
        var stream = (byte[])file.Frames[0].Clone();
        var sof = IndexOfMarker(stream, 0xF7);
        // SOF55: FF F7, Lf (2), P (1), Y = lines (2), X = columns (2).
        BinaryPrimitives.WriteUInt16BigEndian(stream.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(stream.AsSpan(sof + 7), (ushort)width);

        var (error, allocated) = RefuseCounting(new JpegLsDecoder(), stream, file.Description);
        Assert.True(allocated < 64 * 1024, $"refusing the stream allocated {allocated} bytes");
        Assert.Contains("the dataset says", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{width} × {height}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_ls_stream_with_more_components_than_the_dataset_is_refused()
    {
        var file = JpegLsCt.Value;
        var rgb = file.Description with { SamplesPerPixel = 3, PhotometricInterpretation = "RGB" };
        var error = Assert.Throws<PixelDataException>(() => Decode(new JpegLsDecoder(), file.Frames[0], rgb));
        Assert.Contains("1 component(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xF7, 0x00, 0x02 })]
    public void Jpeg_ls_garbage_is_a_pixel_data_error(byte[] stream)
    {
        Assert.Throws<PixelDataException>(() => Decode(new JpegLsDecoder(), stream, JpegLsCt.Value.Description));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(60)]
    [InlineData(3000)]
    [InlineData(-2)]
    public void Truncated_jpeg_2000_codestream_is_a_pixel_data_error(int keep)
    {
        var file = Jpeg2000Mr.Value;
        var stream = file.Frames[0];
        var truncated = stream[..(keep > 0 ? keep : stream.Length + keep)];
        var error = Assert.Throws<PixelDataException>(() => Decode(new Jpeg2000Decoder(), truncated, file.Description));
        output.WriteLine(error.Message);
        Assert.Contains("JPEG 2000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_htj2k_codestream_is_a_pixel_data_error()
    {
        var file = HtJ2kRgb.Value;
        var stream = file.Frames[0];
        Assert.Throws<PixelDataException>(() => Decode(new Jpeg2000Decoder(), stream[..(stream.Length / 2)], file.Description));
    }

    [Theory]
    [InlineData(60000, 60000)]
    [InlineData(384, 385)]
    public void Jpeg_2000_size_marker_larger_than_the_dataset_is_refused_before_decoding(int width, int height)
    {
        var file = Jpeg2000Mr.Value;
        var stream = (byte[])file.Frames[0].Clone();
        // SIZ follows SOC: FF 51, Lsiz (2), Rsiz (2), Xsiz (4), Ysiz (4), XOsiz, YOsiz, XTsiz (4), YTsiz (4).
        Assert.Equal(0x51, stream[3]);
        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(8), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(12), (uint)height);
        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(24), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(28), (uint)height);

        var (error, allocated) = RefuseCounting(new Jpeg2000Decoder(), stream, file.Description);
        Assert.True(allocated < 64 * 1024, $"refusing the stream allocated {allocated} bytes");
        Assert.Contains("the dataset says", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{width} × {height}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_2000_precision_above_bits_allocated_is_refused()
    {
        var file = Jpeg2000Mr.Value;
        var eightBit = file.Description with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 };
        var error = Assert.Throws<PixelDataException>(() => Decode(new Jpeg2000Decoder(), file.Frames[0], eightBit));
        Assert.Contains("do not fit Bits Allocated 8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0x4F })]
    [InlineData(new byte[] { 0xFF, 0x4F, 0xFF, 0x51 })]
    [InlineData(new byte[] { 0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, 0x00 })]
    public void Jpeg_2000_garbage_is_a_pixel_data_error(byte[] stream)
    {
        Assert.Throws<PixelDataException>(() => Decode(new Jpeg2000Decoder(), stream, Jpeg2000Mr.Value.Description));
    }

    [Fact]
    public void Jpeg_2000_error_names_what_openjpeg_reported()
    {
        var file = Jpeg2000Mr.Value;
        var stream = file.Frames[0][..200];
        var error = Assert.Throws<PixelDataException>(() => Decode(new Jpeg2000Decoder(), stream, file.Description));
        output.WriteLine(error.Message);
        Assert.Matches("error: |warning: |corrupt or truncated", error.Message);
    }

    // Deterministic mutation fuzzing: flipped bytes, overwritten runs and cuts anywhere in real streams. The decoders
    // may succeed (JPEG-LS and JPEG 2000 resynchronise on damaged entropy data) but must only ever fail with
    // PixelDataException, and never write outside the frame (the destination is exactly one frame).
    [Theory]
    [InlineData("jpeg-ls-ct", 1)]
    [InlineData("jpeg-ls-mr", 2)]
    [InlineData("jpeg-2000-mr", 3)]
    [InlineData("htj2k-rgb", 4)]
    public void Mutated_streams_fail_only_with_pixel_data_errors(string corpus, int seed)
    {
        var (file, decoder) = corpus switch
        {
            "jpeg-ls-ct" => (JpegLsCt.Value, (IPixelDecoder)new JpegLsDecoder()),
            "jpeg-ls-mr" => (JpegLsMr.Value, new JpegLsDecoder()),
            "jpeg-2000-mr" => (Jpeg2000Mr.Value, new Jpeg2000Decoder()),
            _ => (HtJ2kRgb.Value, new Jpeg2000Decoder()),
        };
        var random = new Random(seed);
        var original = file.Frames[0];
        int succeeded = 0, failed = 0;
        for (var round = 0; round < 60; round++)
        {
            var mutated = Mutate(original, random);
            try
            {
                Decode(decoder, mutated, file.Description);
                succeeded++;
            }
            catch (PixelDataException)
            {
                failed++;
            }
        }
        Assert.Equal(60, succeeded + failed);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var mutated = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                // Headers are where lengths and dimensions live: bias flips toward the first bytes.
                for (var i = 0; i < 1 + random.Next(4); i++) mutated[random.Next(Math.Min(mutated.Length, 200))] ^= (byte)(1 << random.Next(8));
                return mutated;
            case 1:
                for (var i = 0; i < 1 + random.Next(16); i++) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                return mutated;
            case 2:
                var start = random.Next(mutated.Length);
                random.NextBytes(mutated.AsSpan(start, Math.Min(mutated.Length - start, 1 + random.Next(64))));
                return mutated;
            default:
                return mutated[..random.Next(1, mutated.Length)];
        }
    }

    private static void Decode(IPixelDecoder decoder, byte[] stream, PixelDataDescription description) =>
        decoder.Decode(stream, description, new byte[description.FrameLength]);

    // Managed bytes the decoder allocates while refusing the stream (the destination is allocated before counting).
    // Native allocations are not counted: the header checks run before opj_decode or decode_to_buffer, which is what
    // the error message ("the dataset says") shows.
    private static (PixelDataException Error, long Allocated) RefuseCounting(IPixelDecoder decoder, byte[] stream, PixelDataDescription description)
    {
        var destination = new byte[description.FrameLength];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<PixelDataException>(() => decoder.Decode(stream, description, destination));
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int IndexOfMarker(byte[] stream, byte marker)
    {
        for (var i = 0; i + 1 < stream.Length; i++)
            if (stream[i] == 0xFF && stream[i + 1] == marker) return i;
        throw new InvalidOperationException($"No FF{marker:X2} marker");
    }
}
