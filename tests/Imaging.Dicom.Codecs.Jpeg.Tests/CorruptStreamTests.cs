using Imaging.Dicom.Fuzz;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>Hostile and broken JPEG streams give a clear <see cref="PixelDataException"/>, never another exception or a hang.</summary>
public sealed class CorruptStreamTests
{
    private static readonly JpegPixelDecoder Decoder = new();

    private static (byte[] Stream, PixelDataDescription Description) Frame(string file)
    {
        var dicom = DicomFileReader.Read(TestPaths.Corpus(file));
        var pixels = DicomPixelData.Create(dicom.Dataset, dicom.TransferSyntax);
        return (pixels.GetFrameData(0).ToArray(), pixels.Description);
    }

    private static PixelDataException Fails(byte[] stream, PixelDataDescription description) =>
        Assert.Throws<PixelDataException>(() => Decoder.Decode(stream, description, new byte[description.FrameLength]));

    [Theory]
    [InlineData("ct_mr/MR_brain_TS5_JPLL.dcm")]
    [InlineData("nm/WG04_NM1_JPLY.dcm")]
    [InlineData("interop/ts/JPGLosslessP14SV1_8b.dcm")]
    public void Rejects_streams_truncated_anywhere(string file)
    {
        var (stream, description) = Frame(file);
        foreach (var length in new[] { 0, 1, 2, 3, 10, 50, 200, stream.Length / 3, stream.Length / 2, stream.Length - 200 })
        {
            var cut = stream.AsSpan(0, length).ToArray();
            if (file.Contains("JPLY", StringComparison.Ordinal) && length > 400)
            {
                // A lossy scan cut short is padded and decoded best effort by JpegLibrary, as by libjpeg; it must not crash.
                try { Decoder.Decode(cut, description, new byte[description.FrameLength]); }
                catch (PixelDataException) { }
                continue;
            }
            var error = Fails(cut, description);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public void Rejects_a_lossless_scan_that_ends_early_with_its_row()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        var cut = stream.AsSpan(0, stream.Length / 2).ToArray();
        Assert.Contains("truncated", Fails(cut, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_stream_without_soi()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        stream[1] = 0xD9;
        Assert.Contains("SOI", Fails(stream, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_segment_length_that_runs_past_the_end()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        var sof = IndexOf(stream, 0xC3);
        stream = stream.AsSpan(0, sof + 100).ToArray();
        stream[sof + 2] = 0x0F;
        stream[sof + 3] = 0xF0;
        Assert.Contains("claims", Fails(stream, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_huge_sof_dimensions_before_allocating()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        var sof = IndexOf(stream, 0xC3);
        stream[sof + 5] = 0xFF; stream[sof + 6] = 0xFF; // 65535 lines
        stream[sof + 7] = 0xFF; stream[sof + 8] = 0xFF; // 65535 samples per line
        Assert.Contains("dataset", Fails(stream, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_frame_that_disagrees_with_the_dataset()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        Fails(stream, description with { Columns = description.Columns + 1 });
        Fails(stream, description with { Rows = description.Rows - 1 });
        Fails(stream, description with { SamplesPerPixel = 3, PhotometricInterpretation = "RGB" });
        Fails(stream, description with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 });
    }

    [Fact]
    public void Rejects_an_undefined_huffman_table_and_a_bad_predictor()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        var sos = IndexOf(stream, 0xDA);
        var broken = (byte[])stream.Clone();
        broken[sos + 6] = 0x30; // table 3, never defined
        Assert.Contains("Huffman table", Fails(broken, description).Message, StringComparison.Ordinal);
        broken = (byte[])stream.Clone();
        broken[sos + 7] = 9; // predictor 9
        Assert.Contains("predictor", Fails(broken, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_unsupported_processes_and_bad_markers()
    {
        var (stream, description) = Frame("ct_mr/MR_brain_TS5_JPLL.dcm");
        var broken = (byte[])stream.Clone();
        broken[IndexOf(stream, 0xC3) + 1] = 0xCB; // arithmetic lossless
        Assert.Contains("not supported", Fails(broken, description).Message, StringComparison.Ordinal);
        broken = (byte[])stream.Clone();
        broken[IndexOf(stream, 0xC4)] = 0x12; // a DHT marker's 0xFF destroyed
        Fails(broken, description);
    }

    [Fact]
    public void Rejects_corrupt_dct_streams_with_a_pixel_data_exception()
    {
        var (stream, description) = Frame("nm/WG04_NM1_JPLY.dcm");
        var broken = (byte[])stream.Clone();
        broken[IndexOf(stream, 0xC1) + 4] = 7; // precision 7: neither 8 nor 12
        Assert.Contains("precision", Fails(broken, description).Message, StringComparison.Ordinal);
        broken = (byte[])stream.Clone();
        broken[IndexOf(stream, 0xC1) + 1] = 0xC2; // progressive
        Assert.Contains("not supported", Fails(broken, description).Message, StringComparison.Ordinal);
        broken = (byte[])stream.Clone();
        var dqt = IndexOf(stream, 0xDB);
        broken[dqt + 2] = 0xFF; // DQT length past the end
        Fails(broken, description);
    }

    [Fact]
    public void Rejects_lossless_restart_markers_out_of_sequence()
    {
        var stream = LosslessWithRestarts(out var description);
        Assert.True(JpegDecoderFuzzTarget.Run(stream));
        var rst = IndexOf(stream, 0xD1, after: IndexOf(stream, 0xDA));
        stream[rst + 1] = 0xD4;
        Assert.Contains("RST1", Fails(stream, description).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decodes_a_lossless_stream_whose_height_comes_from_a_dnl_marker()
    {
        var stream = LosslessWithRestarts(out var description).ToList();
        stream[7] = 0; // SOF lines: 0, defined by DNL
        stream[8] = 0;
        stream.InsertRange(stream.Count - 2, [0xFF, 0xDC, 0, 4, 0, 4]);
        var destination = new byte[description.FrameLength];
        Decoder.Decode(stream.ToArray(), description, destination);
        Assert.All(destination, b => Assert.Equal(128, b));
        stream[^3] = 5; // DNL says 5 lines, the dataset 4
        Assert.Contains("DNL", Fails([.. stream], description).Message, StringComparison.Ordinal);
    }

    /// <summary>A tiny hand-made lossless stream (4×4, 8 bit, all samples 128) with a restart marker after every row.</summary>
    internal static byte[] LosslessWithRestarts(out PixelDataDescription description)
    {
        description = new PixelDataDescription(4, 4, 1, 8, 8, 7, false, 0, "MONOCHROME2", 1);
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange([0xFF, 0xC3, 0, 11, 8, 0, 4, 0, 4, 1, 1, 0x11, 0]);
        // One code: category 0 = "0" (1 bit).
        bytes.AddRange([0xFF, 0xC4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        bytes.AddRange([0xFF, 0xDD, 0, 4, 0, 4]);
        bytes.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0x00, 1, 0, 0]);
        for (var row = 0; row < 4; row++)
        {
            bytes.Add(0x0F); // four zero bits (all differences 0 from 128), padded with ones
            if (row < 3) bytes.AddRange([0xFF, (byte)(0xD0 + row)]);
        }
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    private static int IndexOf(byte[] stream, byte marker, int after = 0)
    {
        for (var i = after; i + 1 < stream.Length; i++)
            if (stream[i] == 0xFF && stream[i + 1] == marker) return i;
        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }
}
