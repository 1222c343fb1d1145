using Imaging.Dicom.Codecs.Native.Tests.Support;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Codecs.Native.Tests;

/// <summary>JPEG 2000 and HTJ2K frames decoded by OpenJPEG through us, against the uncompressed originals and opj_decompress.</summary>
public sealed class Jpeg2000Tests(ITestOutputHelper output)
{
    private readonly Jpeg2000Decoder _decoder = new();

    [Theory]
    [InlineData("nm/WG04_NM1_J2KR.dcm", "nm/WG04_NM1_UNC.dcm")]
    [InlineData("ct_mr/MR_brain_TS9_J2KR.dcm", "ct_mr/MR_brain_TS1_ELE.dcm")]
    public void Decodes_lossless_corpus_file_exactly_as_the_uncompressed_original(string compressed, string uncompressed)
    {
        var file = PixelFiles.Encoded(TestPaths.Corpus(compressed));
        var original = PixelFiles.NativeFrames(TestPaths.Corpus(uncompressed));
        Assert.Equal(original.Count, file.Frames.Count);
        for (var f = 0; f < file.Frames.Count; f++)
        {
            var decoded = PixelFiles.Decode(_decoder, file.Frames[f], file.Description, out var layout);
            Assert.Equal(new DecodedFrameLayout("MONOCHROME2", 0), layout);
            var difference = SampleDifference.Between(original[f], decoded, file.Description);
            output.WriteLine($"{compressed} frame {f}: {difference}");
            Assert.True(difference.Differing == 0, difference.ToString());
            if (file.Description.IsSigned) Assert.True(SampleDifference.IsExtended(decoded, file.Description));
        }
    }

    [Fact]
    public async Task Decodes_lossy_nm_as_opj_decompress_does_and_near_the_uncompressed_original()
    {
        using var folder = new TempFolder();
        var file = PixelFiles.Encoded(TestPaths.Corpus("nm/WG04_NM1_J2KI.dcm"));
        var decoded = PixelFiles.Decode(_decoder, file.Frames[0], file.Description, out _);
        Assert.True(SampleDifference.IsExtended(decoded, file.Description));

        var reference = await OpjDecompressAsync(folder, file.Frames[0]);
        Assert.Equal(reference, decoded);

        var original = PixelFiles.NativeFrames(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"))[0];
        var difference = SampleDifference.Between(original, decoded, file.Description);
        output.WriteLine($"WG04_NM1_J2KI ({file.Frames[0].Length} bytes) vs UNC: {difference}");
        // The WG04 lossy stream is 250 bytes for 512 KiB (about 2000:1) of counts 0..278: measured max 101, mean 4.22
        // with OpenJPEG 2.5.0, the same as opj_decompress. The bound catches a broken decode (sign, order, scaling).
        Assert.InRange(difference.MaximumError, 1, 128);
        Assert.True(difference.MeanError < 5.0, difference.ToString());
    }

    [Fact]
    public async Task Decodes_htj2k_rgb_as_opj_decompress_does()
    {
        using var folder = new TempFolder();
        var file = PixelFiles.Encoded(TestPaths.Corpus("interop/ts/HTJ2KLossless_08_RGB.dcm"));
        var decoded = PixelFiles.Decode(_decoder, file.Frames[0], file.Description, out var layout);
        Assert.Equal(new DecodedFrameLayout("RGB", 0), layout);

        var planes = await OpjDecompressAsync(folder, file.Frames[0]);
        var pixels = (int)file.Description.PixelCount;
        Assert.Equal(pixels * 3, planes.Length);
        var expected = new byte[pixels * 3];
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < 3; c++)
            expected[p * 3 + c] = planes[c * pixels + p];
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("j2k", "", "ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("jp2", "", "ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("j2k", "", "ct_mr/MR_brain_TS1_ELE.dcm")]
    public async Task Decodes_opj_compress_lossless_output_exactly(string container, string options, string source)
    {
        using var folder = new TempFolder();
        var original = PixelFiles.NativeFrames(TestPaths.Corpus(source))[0];
        var description = PixelFiles.Describe(TestPaths.Corpus(source));
        var encoded = await CompressAsync(folder, original, description, container, options);
        var decoded = PixelFiles.Decode(_decoder, encoded, description, out _);
        var difference = SampleDifference.Between(original, decoded, description);
        Assert.True(difference.Differing == 0, difference.ToString());
    }

    [Fact]
    public async Task Decodes_signed_ct_stored_as_an_unsigned_codestream_by_the_datasets_pixel_representation()
    {
        using var folder = new TempFolder();
        var source = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var original = PixelFiles.NativeFrames(source)[0];
        var description = PixelFiles.Describe(source);
        Assert.True(description.IsSigned);
        // Same bytes, declared unsigned to the encoder: the codestream holds the two's-complement patterns.
        var encoded = await CompressAsync(folder, original, description with { IsSigned = false }, "j2k", "");
        var decoded = PixelFiles.Decode(_decoder, encoded, description, out _);
        Assert.Equal(original, decoded);
        Assert.True(SampleDifference.IsExtended(decoded, description));
    }

    [Fact]
    public async Task Decodes_irreversible_ct_within_the_rate_distortion_of_the_encoder()
    {
        using var folder = new TempFolder();
        var source = TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm");
        var original = PixelFiles.NativeFrames(source)[0];
        var description = PixelFiles.Describe(source);
        var encoded = await CompressAsync(folder, original, description, "j2k", "-I -r 10");
        var decoded = PixelFiles.Decode(_decoder, encoded, description, out _);
        var difference = SampleDifference.Between(original, decoded, description);
        output.WriteLine($"CT 9-7 at 10:1 vs original: {difference}");
        Assert.True(difference.Differing > 0, "a 10:1 irreversible stream decoded losslessly");
        Assert.True(difference.MeanError < 8, difference.ToString());
    }

    [Theory]
    [InlineData("1", "YBR_RCT", "RGB")]
    [InlineData("1", "RGB", "RGB")]
    [InlineData("0", "RGB", "RGB")]
    [InlineData("0", "YBR_RCT", "YBR_FULL")]
    public async Task Returns_rgb_when_the_codestream_undid_a_component_transform(string mct, string photometric, string expectedLayout)
    {
        using var folder = new TempFolder();
        var source = folder.File("rgb.dcm");
        PixelFiles.WriteSyntheticRgb(source, 61, 83, seed: 9);
        var original = PixelFiles.NativeFrames(source)[0];
        var description = PixelFiles.Describe(source) with { PhotometricInterpretation = photometric };
        var encoded = await CompressAsync(folder, original, description, "j2k", $"-mct {mct}");
        var decoded = PixelFiles.Decode(_decoder, encoded, description, out var layout);
        Assert.Equal(new DecodedFrameLayout(expectedLayout, 0), layout);
        Assert.Equal(original, decoded);
    }

    [Fact]
    public void Decodes_through_the_registry_and_DicomPixelData()
    {
        var registry = new PixelCodecRegistry();
        NativeCodecs.Register(registry);
        var file = global::Imaging.Dicom.IO.DicomFileReader.Read(TestPaths.Corpus("ct_mr/MR_brain_TS9_J2KR.dcm"));
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        using var frame = pixels.DecodeFrame(0, out var layout, registry);
        Assert.Equal("MONOCHROME2", layout.PhotometricInterpretation);
        Assert.Equal(PixelFiles.NativeFrames(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm"))[0], frame.Memory.Span[..(int)pixels.Description.FrameLength].ToArray());
    }

    // opj_decompress's RAWL output of a codestream: components one after another, samples little endian.
    internal static async Task<byte[]> OpjDecompressAsync(TempFolder folder, byte[] codestream)
    {
        var input = folder.File("reference.j2c");
        await File.WriteAllBytesAsync(input, codestream);
        var raw = folder.File("reference.rawl");
        (await ExternalTool.RunAsync("opj_decompress", "-i", input, "-o", raw)).EnsureSuccess("opj_decompress");
        return await File.ReadAllBytesAsync(raw);
    }

    // Encodes one native frame with opj_compress (raw little-endian input, one component after another).
    internal static async Task<byte[]> CompressAsync(TempFolder folder, byte[] frame, PixelDataDescription description, string container, string options)
    {
        var raw = folder.File("input.rawl");
        var pixels = (int)description.PixelCount;
        var bytes = description.BytesPerSample;
        var planes = new byte[frame.Length];
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < description.SamplesPerPixel; c++)
            frame.AsSpan((p * description.SamplesPerPixel + c) * bytes, bytes).CopyTo(planes.AsSpan((c * pixels + p) * bytes));
        await File.WriteAllBytesAsync(raw, planes);
        var output = folder.File($"output.{container}");
        var format = $"{description.Columns},{description.Rows},{description.SamplesPerPixel},{description.BitsStored},{(description.IsSigned ? 's' : 'u')}";
        string[] arguments = ["-i", raw, "-o", output, "-F", format, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        (await ExternalTool.RunAsync("opj_compress", arguments)).EnsureSuccess("opj_compress");
        return await File.ReadAllBytesAsync(output);
    }
}
