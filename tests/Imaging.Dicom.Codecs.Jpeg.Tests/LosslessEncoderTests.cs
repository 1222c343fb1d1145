using System.Buffers;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Codecs.Jpeg.Tests.JpegTestFrames;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>Our JPEG Lossless SV1 encoder's output, decoded by dcmdjpeg and by us, must give back the original samples.</summary>
public sealed class LosslessEncoderTests
{
    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm")]
    [InlineData("nm/WG04_NM1_UNC.dcm")]
    public async Task Encodes_16_bit_corpus_frames_that_dcmdjpeg_decodes_exactly(string file)
    {
        using var temp = new TempFolder();
        var original = TestPaths.Corpus(file);
        var encoded = EncodeToFile(original, temp);
        AssertIdentical(await DecodeWithDcmdjpegAsync(encoded, temp), ReadNative(original), $"dcmdjpeg of our {file}");
        AssertIdentical(DecodeOurs(encoded), ReadNative(original), $"our decoder on our {file}");
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(true, 1)]
    public async Task Encodes_8_bit_monochrome_and_rgb_frames_that_dcmdjpeg_decodes_exactly(bool rgb, int planar)
    {
        using var temp = new TempFolder();
        var original = WriteEightBit(temp, rgb, planar: planar);
        var encoded = EncodeToFile(original, temp);
        AssertIdentical(await DecodeWithDcmdjpegAsync(encoded, temp), ReadNative(original), "dcmdjpeg");
        AssertIdentical(DecodeOurs(encoded), ReadNative(original), "ours");
    }

    [Fact]
    public async Task Encodes_extreme_16_bit_differences_that_need_category_16()
    {
        using var temp = new TempFolder();
        // Alternating 0 and 32768 (and 65535/32767) forces differences of exactly ±32768, the category with no extra bits.
        var source = DicomFileReader.Read(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"));
        var dataset = source.Dataset;
        const int rows = 16, columns = 20;
        var samples = new ushort[rows * columns];
        for (var i = 0; i < samples.Length; i++) samples[i] = (ushort)((i % 4) switch { 0 => 0, 1 => 32768, 2 => 65535, _ => 32767 });
        dataset.SetValues<ushort>(DicomTags.Rows, DicomVR.US, rows);
        dataset.SetValues<ushort>(DicomTags.Columns, DicomVR.US, columns);
        dataset.SetValues<ushort>(DicomTags.BitsStored, DicomVR.US, 16);
        dataset.SetValues<ushort>(DicomTags.HighBit, DicomVR.US, 15);
        dataset.Set(new DicomElement(DicomTags.PixelData, DicomVR.OW, DicomBuffer.FromBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()).ToArray())));
        var original = temp.File("extreme.dcm");
        DicomFileWriter.Write(original, new DicomFile(source.FileMetaInformation, dataset, DicomTransferSyntax.ExplicitVRLittleEndian));
        var encoded = EncodeToFile(original, temp);
        AssertIdentical(await DecodeWithDcmdjpegAsync(encoded, temp), ReadNative(original), "dcmdjpeg");
        AssertIdentical(DecodeOurs(encoded), ReadNative(original), "ours");
    }

    [Fact]
    public void Refuses_subsampled_ybr_and_32_bit_data_with_a_reason()
    {
        var encoder = new JpegLosslessEncoder();
        Assert.False(encoder.CanEncode(new PixelDataDescription(4, 4, 3, 8, 8, 7, false, 0, "YBR_FULL_422", 1), out var reason));
        Assert.Contains("subsampled", reason, StringComparison.Ordinal);
        Assert.False(encoder.CanEncode(new PixelDataDescription(4, 4, 1, 32, 32, 31, false, 0, "MONOCHROME2", 1), out reason));
        Assert.NotNull(reason);
        Assert.Throws<PixelDataException>(() => encoder.Encode(new byte[64], new PixelDataDescription(4, 4, 1, 32, 32, 31, false, 0, "MONOCHROME2", 1), new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Registers_the_decoder_for_four_syntaxes_and_the_sv1_encoder()
    {
        var registry = new PixelCodecRegistry();
        JpegCodecs.Register(registry);
        foreach (var syntax in new[] { DicomTransferSyntax.JpegBaseline, DicomTransferSyntax.JpegExtended, DicomTransferSyntax.JpegLossless, DicomTransferSyntax.JpegLosslessSV1 })
            Assert.True(registry.TryGetDecoder(syntax, out _), syntax.Uid);
        Assert.True(registry.TryGetEncoder(DicomTransferSyntax.JpegLosslessSV1, out _));
    }

    /// <summary>Encodes every frame of a native file with our encoder and writes it as a .70 file.</summary>
    private static string EncodeToFile(string original, TempFolder temp)
    {
        var file = DicomFileReader.Read(original);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        var encoder = new JpegLosslessEncoder();
        Assert.True(encoder.CanEncode(pixels.Description, out var reason), reason);
        var fragments = new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB);
        DecodedFrameLayout layout = default;
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            var output = new ArrayBufferWriter<byte>();
            layout = encoder.Encode(pixels.GetFrameData(frame).Span, pixels.Description, output);
            var bytes = output.WrittenSpan.ToArray();
            Assert.Equal(0xFF, bytes[0]);
            Assert.Equal(0xD8, bytes[1]);
            if (bytes.Length % 2 == 1) Array.Resize(ref bytes, bytes.Length + 1);
            fragments.Fragments.Add(DicomBuffer.FromBytes(bytes));
        }
        var dataset = file.Dataset;
        dataset.Set(fragments);
        if (pixels.Description.SamplesPerPixel > 1) dataset.SetValues<ushort>(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)layout.PlanarConfiguration);
        var path = temp.File($"ours-{Guid.NewGuid():N}.dcm");
        DicomFileWriter.Write(path, new DicomFile(file.FileMetaInformation, dataset, DicomTransferSyntax.JpegLosslessSV1));
        return path;
    }
}
