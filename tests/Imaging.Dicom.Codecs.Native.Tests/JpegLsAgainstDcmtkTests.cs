using Imaging.Dicom.Codecs.Native.Tests.Support;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace Imaging.Dicom.Codecs.Native.Tests;

/// <summary>JPEG-LS frames decoded by CharLS through us, compared with DCMTK's dcmdjpls decompression of the same file.</summary>
public sealed class JpegLsAgainstDcmtkTests(ITestOutputHelper output)
{
    private readonly JpegLsDecoder _decoder = new();

    public static TheoryData<string, string> CompressedAtTestTime => new()
    {
        { "ct_mr/CT_WG04_CT1_ELE.dcm", "+el" },
        { "ct_mr/MR_brain_TS1_ELE.dcm", "+el" },
        { "nm/WG04_NM1_UNC.dcm", "+el" },
        { "ct_mr/MR_brain_TS1_ELE.dcm", "+en +md 1" },
        { "ct_mr/MR_brain_TS1_ELE.dcm", "+en +md 3" },
        { "unsigned:ct_mr/CT_WG04_CT1_ELE.dcm", "+el" },
        { "unsigned:ct_mr/CT_WG04_CT1_ELE.dcm", "+en +md 2" },
        { "unsigned:ct_mr/CT_WG04_CT1_ELE.dcm", "+en +md 7" },
    };

    [Theory]
    [MemberData(nameof(CompressedAtTestTime))]
    public async Task Decodes_dcmcjpls_output_as_dcmdjpls_does_and_within_near_of_the_original(string source, string options)
    {
        using var folder = new TempFolder();
        // dcmcjpls refuses near-lossless for signed data: "unsigned:" shifts a signed corpus image into an unsigned copy.
        var original = source.StartsWith("unsigned:", StringComparison.Ordinal)
            ? PixelFiles.WriteUnsignedCopy(TestPaths.Corpus(source["unsigned:".Length..]), folder.File("unsigned.dcm"))
            : TestPaths.Corpus(source);
        var compressed = folder.File("jls.dcm");
        (await ExternalTool.RunAsync("dcmcjpls", [.. options.Split(' '), original, compressed])).EnsureSuccess("dcmcjpls");

        var (frames, near) = await CompareWithDcmdjplsAsync(compressed, folder);
        Assert.Equal(options.StartsWith("+el", StringComparison.Ordinal) ? 0 : int.Parse(options.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture), near);

        var originalFrames = PixelFiles.NativeFrames(original);
        var description = PixelFiles.Encoded(compressed).Description;
        for (var f = 0; f < originalFrames.Count; f++)
        {
            var difference = SampleDifference.Between(originalFrames[f], frames[f], description);
            output.WriteLine($"{source} {options} frame {f} vs original: {difference}");
            Assert.True(difference.MaximumError <= near, $"frame {f}: {difference}");
        }
    }

    [Theory]
    [InlineData("+il")]
    [InlineData("+is")]
    [InlineData("+in")]
    public async Task Decodes_rgb_in_every_interleave_mode_to_the_original_by_pixel(string interleave)
    {
        using var folder = new TempFolder();
        var original = folder.File("rgb.dcm");
        PixelFiles.WriteSyntheticRgb(original, 97, 131, seed: 5);
        var compressed = folder.File("rgb-jls.dcm");
        (await ExternalTool.RunAsync("dcmcjpls", interleave, original, compressed)).EnsureSuccess("dcmcjpls");

        var file = PixelFiles.Encoded(compressed);
        var encoded = file.Frames[0];
        Assert.Equal(interleave switch { "+il" => 1, "+is" => 2, _ => 0 }, _decoder.ReadInfo(encoded).InterleaveMode);
        var decoded = PixelFiles.Decode(_decoder, encoded, file.Description, out var layout);

        Assert.Equal(new DecodedFrameLayout("RGB", 0), layout);
        Assert.Equal(PixelFiles.NativeFrames(original)[0], decoded);
        await CompareWithDcmdjplsAsync(compressed, folder);
    }

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm")]
    [InlineData("ct_mr/MR_brain_TS7_JLSL_gdcm.dcm")]
    [InlineData("ct_mr/MR_brain_TS8_JLSL_dcmtk.dcm")]
    [InlineData("nm/WG04_NM1_JLSL.dcm")]
    [InlineData("nm/WG04_NM1_JLSN.dcm")]
    [InlineData("interop/ts/JLSL_16_15_1_1F.dcm")]
    [InlineData("interop/ts/JPEGLSNearLossless_16.dcm")]
    [InlineData("interop/ts/CT0012_JLSN_frag_noBOT.dcm")]
    public async Task Decodes_corpus_file_as_dcmdjpls_does(string file)
    {
        using var folder = new TempFolder();
        var (frames, near) = await CompareWithDcmdjplsAsync(TestPaths.Corpus(file), folder);
        Assert.NotEmpty(frames);
        output.WriteLine($"{file}: {frames.Count} frame(s), NEAR {near}");
    }

    [Fact]
    public async Task Decodes_the_lossless_corpus_ct_exactly_as_the_uncompressed_original()
    {
        using var folder = new TempFolder();
        var (frames, _) = await CompareWithDcmdjplsAsync(TestPaths.Corpus("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm"), folder);
        var description = PixelFiles.Encoded(TestPaths.Corpus("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm")).Description;
        var difference = SampleDifference.Between(PixelFiles.NativeFrames(TestPaths.Corpus("ct_mr/CT_WG04_CT1_ELE.dcm"))[0], frames[0], description);
        Assert.True(difference.Differing == 0, difference.ToString());
    }

    [Fact]
    public async Task Decodes_the_near_lossless_nm_within_near_of_the_uncompressed_original()
    {
        using var folder = new TempFolder();
        var (frames, near) = await CompareWithDcmdjplsAsync(TestPaths.Corpus("nm/WG04_NM1_JLSN.dcm"), folder);
        var description = PixelFiles.Encoded(TestPaths.Corpus("nm/WG04_NM1_JLSN.dcm")).Description;
        var difference = SampleDifference.Between(PixelFiles.NativeFrames(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"))[0], frames[0], description);
        output.WriteLine($"WG04_NM1_JLSN vs UNC (NEAR {near}): {difference}");
        Assert.InRange(near, 1, 255);
        Assert.True(difference.MaximumError <= near, difference.ToString());
    }

    // Decodes every frame of a JPEG-LS file with us and with dcmdjpls. Near-lossless reconstruction is as deterministic as
    // lossless (ISO/IEC 14495-1 A.4), so both must agree exactly, not just within NEAR.
    private async Task<(IReadOnlyList<byte[]> Frames, int Near)> CompareWithDcmdjplsAsync(string compressed, TempFolder folder)
    {
        var file = PixelFiles.Encoded(compressed);
        var description = file.Description;
        var encoded = file.Frames;
        var ours = new List<byte[]>();
        var near = 0;
        foreach (var frame in encoded)
        {
            near = Math.Max(near, _decoder.ReadInfo(frame).NearLossless);
            ours.Add(PixelFiles.Decode(_decoder, frame, description, out var layout));
            Assert.Equal(0, layout.PlanarConfiguration);
            Assert.Equal(description.PhotometricInterpretation, layout.PhotometricInterpretation);
            if (description.IsSigned) Assert.True(SampleDifference.IsExtended(ours[^1], description), "signed samples are not sign-extended");
        }

        var decompressed = folder.File(Path.GetFileNameWithoutExtension(compressed) + "-dcmdjpls.dcm");
        (await ExternalTool.RunAsync("dcmdjpls", compressed, decompressed)).EnsureSuccess("dcmdjpls");
        var theirs = PixelFiles.NativeFrames(decompressed);
        Assert.Equal(theirs.Count, ours.Count);
        for (var f = 0; f < ours.Count; f++)
        {
            var difference = SampleDifference.Between(theirs[f], ours[f], description);
            output.WriteLine($"{Path.GetFileName(compressed)} frame {f} vs dcmdjpls: {difference}");
            Assert.True(difference.Differing == 0, $"frame {f}: {difference}");
        }
        return (ours, near);
    }
}
