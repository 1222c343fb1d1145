using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering.Tests.Support;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>Real grayscale files rendered by us and by dcm2pnm with the same window: LINEAR windows match byte for
/// byte because both truncate the PS3.3 C.11.2.1.2.1 output to whole levels.</summary>
public sealed class GrayscaleCorpusTests
{
    private static RenderedFrame Render(string relative, RenderOptions? options = null, int frame = 0) =>
        FrameRenderer.Render(DicomFileReader.Read(TestPaths.Corpus(relative)), frame, options);

    [Theory]
    [InlineData("ct_mr/CT_LCTSC_chest_TCIA.dcm")]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm")]
    [InlineData("ct_mr/MR_brain_TS2_ILE.dcm")]
    [InlineData("ct_mr/MR_brain_TS3_EBE.dcm")]
    public async Task Renders_with_the_files_first_window_exactly_as_dcm2pnm(string relative)
    {
        var ours = Render(relative);
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wi", "1");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Theory]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm", -600, 1500)]
    [InlineData("ct_mr/CT_WG04_CT1_EBE.dcm", 40, 400)]
    [InlineData("ct_mr/CT_WG04_CT1_ILE.dcm", 300.5, 2001)]
    [InlineData("ct_mr/CT_LCTSC_chest_TCIA.dcm", -1000, 1)]
    [InlineData("ct_mr/MR_brain_TS1_ELE.dcm", 500.5, 999)]
    [InlineData("nm/WG04_NM1_UNC.dcm", 60, 120)]
    public async Task Renders_a_given_window_over_rescaled_ct_and_signed_nm_exactly_as_dcm2pnm(string relative, double center, double width)
    {
        var ours = Render(relative, new RenderOptions { Window = new VoiWindow(center, width) });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Ww", Text(center), Text(width));

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Picks_the_second_window_of_a_multi_window_mr_exactly_as_dcm2pnm()
    {
        const string relative = "ct_mr/MR_siemens_overlays_icon_palette.dcm";
        var ours = Render(relative, new RenderOptions { WindowIndex = 1 });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wi", "2");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(12)]
    public async Task Renders_each_frame_of_the_nm_multi_frame_exactly_as_dcm2pnm(int frame)
    {
        const string relative = "nm/NM-MONO2-16-13x-heart.dcm";
        var ours = Render(relative, frame: frame);
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wi", "1", "+F", Text(frame + 1));

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Theory]
    [InlineData("nm/WG04_NM1_UNC.dcm")]
    [InlineData("ct_mr/CT_WG04_CT1_ELE.dcm")]
    [InlineData("ct_mr/CT_LCTSC_chest_TCIA.dcm")]
    public async Task Without_a_window_spans_min_to_max_like_dcm2pnm_min_max_within_one_level(string relative)
    {
        var ours = Render(relative, new RenderOptions { ForceAutoWindow = true });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wm");

        // Same window; DCMTK evaluates the ramp in another order, so a level that lands exactly on a whole number
        // can come out one lower there (a handful of pixels per image).
        var comparison = PixelComparison.Of(ours, theirs);
        Assert.True(comparison.MaximumDifference <= 1, comparison.ToString());
        Assert.True(comparison.DifferingSamples <= comparison.Samples / 1000, comparison.ToString());
    }

    [Fact]
    public async Task Enhanced_ct_takes_rescale_and_window_from_its_functional_groups()
    {
        const string relative = "ct_mr/CT_enhanced_eCT_Supplemental.dcm";
        var ours = Render(relative, frame: 1);
        // The shared functional groups give Window 49/102 and Rescale -1024/1.
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Ww", "49", "102", "+F", "2");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Enhanced_mr_frames_render_exactly_as_dcm2pnm()
    {
        const string relative = "ct_mr/MR_enhanced_emri_small.dcm";
        var ours = Render(relative, new RenderOptions { Window = new VoiWindow(300, 600) }, frame: 4);
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Ww", "300", "600", "+F", "5");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Modality_lut_sequence_maps_stored_values_before_the_window_exactly_as_dcm2pnm()
    {
        const string relative = "interop/structure/mlut_18_ModalityLUTSequence.dcm";
        var ours = Render(relative, new RenderOptions { Window = new VoiWindow(32768, 65536) });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Ww", "32768", "65536");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Voi_lut_sequence_is_used_when_the_file_has_no_window_exactly_as_dcm2pnm()
    {
        const string relative = "interop/structure/vlut_04_VOILUTSequence.dcm";
        var ours = Render(relative);
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wl", "1");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Sigmoid_window_is_within_one_level_of_dcm2pnm()
    {
        const string relative = "ct_mr/CT_LCTSC_chest_TCIA.dcm";
        var ours = Render(relative, new RenderOptions { Window = new VoiWindow(40, 400, VoiLutFunction.Sigmoid) });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Ww", "40", "400", "+Wfs");

        var comparison = PixelComparison.Of(ours, theirs);
        Assert.True(comparison.MaximumDifference <= 1, comparison.ToString());
    }

    [Fact]
    public async Task Inverse_presentation_shape_inverts_exactly_as_dcm2pnm()
    {
        const string relative = "ct_mr/CT_LCTSC_chest_TCIA.dcm";
        var ours = Render(relative, new RenderOptions { PresentationShape = PresentationLutShape.Inverse });
        var theirs = await Dcm2Pnm.RenderAsync(TestPaths.Corpus(relative), "+Wi", "1", "+Piv");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    private static string Text(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
