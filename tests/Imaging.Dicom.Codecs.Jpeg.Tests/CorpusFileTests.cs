using Imaging.Dicom.Tests.Support;
using static Imaging.Dicom.Codecs.Jpeg.Tests.JpegTestFrames;

namespace Imaging.Dicom.Codecs.Jpeg.Tests;

/// <summary>JPEG files written by scanners and other toolkits, decoded by us and by dcmdjpeg, every frame compared.</summary>
public sealed class CorpusFileTests
{
    [Theory]
    [InlineData("ct_mr/MR_brain_TS5_JPLL.dcm")]
    [InlineData("ct_mr/MR_brain_TS6_JPLL_gdcm.dcm")]
    [InlineData("nm/WG04_NM1_JPLL.dcm")]
    [InlineData("interop/ts/CT0012_JPEGP14_frag_noBOT.dcm")]
    [InlineData("interop/ts/JPGLosslessP14SV1_8b.dcm")]
    public async Task Decodes_real_lossless_files_exactly_as_dcmdjpeg(string file)
    {
        using var temp = new TempFolder();
        var path = TestPaths.Corpus(file);
        var frames = DecodeOurs(path).Description.NumberOfFrames;
        for (var frame = 0; frame < frames; frame++)
            AssertIdentical(DecodeOurs(path, frame), await DecodeWithDcmdjpegAsync(path, temp, frame), $"{file} frame {frame}");
    }

    [Fact]
    public void Decodes_the_real_lossless_files_to_the_pixels_of_their_uncompressed_twins()
    {
        AssertIdentical(DecodeOurs(TestPaths.Corpus("nm/WG04_NM1_JPLL.dcm")), ReadNative(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm")), "NM1");
        AssertIdentical(DecodeOurs(TestPaths.Corpus("ct_mr/MR_brain_TS5_JPLL.dcm")), ReadNative(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm")), "MR TS5");
        AssertIdentical(DecodeOurs(TestPaths.Corpus("ct_mr/MR_brain_TS6_JPLL_gdcm.dcm")), ReadNative(TestPaths.Corpus("ct_mr/MR_brain_TS1_ELE.dcm")), "MR TS6");
    }

    // Lossy: at most one apart per sample for monochrome (floating-point vs libjpeg's integer IDCT), three for colour
    // after YCbCr -> RGB (see DcmcjpegRoundTripTests).
    [Theory]
    [InlineData("nm/WG04_NM1_JPLY.dcm", 1)]
    [InlineData("interop/ts/CT0012_JPEGext_frag_noBOT.dcm", 1)]
    [InlineData("interop/ts/IM00001_JPEGbaseline_frag_noBOT.dcm", 3)]
    public async Task Decodes_real_lossy_files_like_dcmdjpeg(string file, int tolerance)
    {
        using var temp = new TempFolder();
        var path = TestPaths.Corpus(file);
        var frames = DecodeOurs(path).Description.NumberOfFrames;
        for (var frame = 0; frame < frames; frame++)
        {
            var ours = DecodeOurs(path, frame);
            var reference = await DecodeWithDcmdjpegAsync(path, temp, frame);
            Assert.Equal(reference.PhotometricInterpretation, ours.PhotometricInterpretation);
            var (max, count, _) = Compare(ours, reference);
            Assert.True(max <= tolerance, $"{file} frame {frame}: max error {max} over {count} samples");
        }
    }
}
