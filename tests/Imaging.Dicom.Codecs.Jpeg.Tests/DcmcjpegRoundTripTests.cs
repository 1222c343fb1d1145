using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Codecs.Jpeg.Tests.JpegTestFrames;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>Uncompressed corpus files compressed by dcmcjpeg at test time, decoded by us and by dcmdjpeg, compared sample by sample.</summary>
public sealed class DcmcjpegRoundTripTests
{
    public static TheoryData<string, int> LosslessCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "ct_mr/CT_WG04_CT1_ELE.dcm", "ct_mr/MR_brain_TS1_ELE.dcm", "nm/WG04_NM1_UNC.dcm" })
            for (var selection = 1; selection <= 7; selection++) data.Add(file, selection);
        return data;
    }

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public async Task Decodes_dcmcjpeg_lossless_process_14_with_every_selection_value_exactly_as_dcmdjpeg(string file, int selection)
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(TestPaths.Corpus(file), temp, "+el", "+sv", selection.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ours = DecodeOurs(compressed);
        AssertIdentical(ours, await DecodeWithDcmdjpegAsync(compressed, temp), $"{file} +sv {selection}");
        // Lossless means the original too.
        AssertIdentical(ours, ReadNative(TestPaths.Corpus(file)), $"{file} +sv {selection} against the original");
    }

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", 2)]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", 3)]
    public async Task Decodes_lossless_with_a_point_transform_exactly_as_dcmdjpeg(string file, int pointTransform)
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(TestPaths.Corpus(file), temp, "+el", "+sv", "4", "+pt", pointTransform.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertIdentical(DecodeOurs(compressed), await DecodeWithDcmdjpegAsync(compressed, temp), $"{file} +pt {pointTransform}");
    }

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm")]
    [InlineData("nm/WG04_NM1_UNC.dcm")]
    public async Task Decodes_dcmcjpeg_sv1_exactly_as_dcmdjpeg_and_the_original(string file)
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(TestPaths.Corpus(file), temp, "+e1");
        var ours = DecodeOurs(compressed);
        AssertIdentical(ours, await DecodeWithDcmdjpegAsync(compressed, temp), file);
        AssertIdentical(ours, ReadNative(TestPaths.Corpus(file)), file + " against the original");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decodes_dcmcjpeg_lossless_8_bit_exactly(bool rgb)
    {
        using var temp = new TempFolder();
        var original = WriteEightBit(temp, rgb);
        foreach (var options in new[] { new[] { "+e1" }, ["+el", "+sv", "7"] })
        {
            var compressed = await CompressAsync(original, temp, options);
            var ours = DecodeOurs(compressed);
            AssertIdentical(ours, await DecodeWithDcmdjpegAsync(compressed, temp), string.Join(' ', options));
            AssertIdentical(ours, ReadNative(original), string.Join(' ', options) + " against the original");
        }
    }

    // Lossy: JpegLibrary's inverse DCT is floating point, libjpeg's (dcmdjpeg's) default is the accurate integer one;
    // both meet the IEEE 1180 accuracy bound, so a sample may round the other way: at most 1 apart.
    [Theory]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", "+ee")]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", "+ee")]
    [InlineData("nm/WG04_NM1_UNC.dcm", "+ee")]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", "+eb")]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", "+eb")]
    public async Task Decodes_dcmcjpeg_lossy_monochrome_within_one_of_dcmdjpeg(string file, string process)
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(TestPaths.Corpus(file), temp, process);
        var ours = DecodeOurs(compressed);
        var reference = await DecodeWithDcmdjpegAsync(compressed, temp);
        var (max, count, _) = Compare(ours, reference);
        Assert.True(max <= 1, $"{file} {process}: max error {max} over {count} samples");
        Assert.True(count < ours.Values.Length / 10, $"{file} {process}: {count} of {ours.Values.Length} samples differ");
    }

    [Fact]
    public async Task Decodes_dcmcjpeg_baseline_8_bit_monochrome_within_one_of_dcmdjpeg()
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(WriteEightBit(temp, rgb: false), temp, "+eb");
        var (max, _, _) = Compare(DecodeOurs(compressed), await DecodeWithDcmdjpegAsync(compressed, temp));
        Assert.True(max <= 1, $"max error {max}");
    }

    // Colour: an IDCT rounding difference of one in Y and in Cr becomes up to 1 + 1.402 in R after YCbCr -> RGB, so 3;
    // chroma upsampling uses the same triangle filter as libjpeg and adds nothing measurable.
    [Theory]
    [InlineData("+eb", "+s2", 3)]
    [InlineData("+eb", "+s4", 3)]
    [InlineData("+ee", "+s4", 3)]
    [InlineData("+eb", "+n2", 3)]
    [InlineData("+eb", "+cr", 1)]
    public async Task Decodes_dcmcjpeg_lossy_colour_to_rgb_like_dcmdjpeg(string process, string sampling, int tolerance)
    {
        using var temp = new TempFolder();
        var compressed = await CompressAsync(WriteEightBit(temp, rgb: true), temp, process, sampling);
        var ours = DecodeOurs(compressed);
        var reference = await DecodeWithDcmdjpegAsync(compressed, temp);
        Assert.Equal("RGB", ours.PhotometricInterpretation);
        Assert.Equal(reference.PhotometricInterpretation, ours.PhotometricInterpretation);
        var (max, count, _) = Compare(ours, reference);
        Assert.True(max <= tolerance, $"{process} {sampling}: max error {max} over {count} samples");
    }
}
