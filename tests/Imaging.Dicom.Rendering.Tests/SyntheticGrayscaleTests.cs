using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering.Tests.Support;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>Sample extraction and LUT rules on images built for the purpose, rendered by us and by dcm2pnm.</summary>
public sealed class SyntheticGrayscaleTests : IDisposable
{
    private const int Rows = 64;
    private const int Columns = 64;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(RenderedFrame Ours, PnmImage Theirs)> RenderBothAsync(DicomDataset dataset, RenderOptions options, params string[] dcm2pnmOptions)
    {
        var path = SyntheticImage.Write(dataset, _folder.File(Guid.NewGuid().ToString("N") + ".dcm"));
        var ours = FrameRenderer.Render(DicomFileReader.Read(path), 0, options);
        var theirs = await Dcm2Pnm.RenderAsync(path, dcm2pnmOptions);
        return (ours, theirs);
    }

    private static DicomDataset Image16(int bitsStored, int highBit, bool signed, IEnumerable<int> words, string photometric = "MONOCHROME2") =>
        SyntheticImage.Create(Rows, Columns, 1, 16, bitsStored, highBit, signed, photometric, SyntheticImage.Words(words));

    [Fact]
    public async Task Masks_bits_above_high_bit_that_carry_overlay_or_garbage_exactly_as_dcm2pnm()
    {
        var values = SyntheticImage.Ramp(Rows * Columns, 0, 4095);
        var random = new Random(3);
        var dirty = values.Select(v => v | (random.Next(16) << 12)).ToArray();

        var (ours, theirs) = await RenderBothAsync(Image16(12, 11, false, dirty), new RenderOptions { Window = new VoiWindow(2048, 4096) }, "+Ww", "2048", "4096");
        var clean = FrameRenderer.Render(Image16(12, 11, false, values), DicomTransferSyntax.ExplicitVRLittleEndian, 0, new RenderOptions { Window = new VoiWindow(2048, 4096) });

        PixelComparison.AssertIdentical(ours, theirs);
        Assert.Equal(clean.Pixels, ours.Pixels);
    }

    [Fact]
    public async Task Reads_stored_bits_below_a_high_bit_of_15_exactly_as_dcm2pnm()
    {
        var values = SyntheticImage.Ramp(Rows * Columns, 0, 4095);
        var random = new Random(5);
        // Bits Stored 12 at High Bit 15: the value sits in the top 12 bits, the low 4 bits are not pixel data.
        var words = values.Select(v => (v << 4) | random.Next(16)).ToArray();

        var (ours, theirs) = await RenderBothAsync(Image16(12, 15, false, words), new RenderOptions { Window = new VoiWindow(1000, 2000) }, "+Ww", "1000", "2000");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Sign_extends_12_bit_signed_values_whatever_the_bits_above_exactly_as_dcm2pnm()
    {
        var values = SyntheticImage.Ramp(Rows * Columns, -2048, 2047);
        var random = new Random(11);
        // Half the pixels carry a proper sign extension, half random high bits: both must read as the same value.
        var words = values.Select((v, i) => i % 2 == 0 ? v & 0xFFFF : (v & 0x0FFF) | (random.Next(16) << 12)).ToArray();

        var (ours, theirs) = await RenderBothAsync(Image16(12, 11, true, words), new RenderOptions { Window = new VoiWindow(0, 4096) }, "+Ww", "0", "4096");

        PixelComparison.AssertIdentical(ours, theirs);
        Assert.Equal(0, ours.Pixels[0]);
        Assert.Equal(255, ours.Pixels[^1]);
    }

    [Fact]
    public async Task Monochrome1_is_shown_inverted_exactly_as_dcm2pnm()
    {
        var dataset = Image16(12, 11, false, SyntheticImage.Ramp(Rows * Columns, 0, 4095), "MONOCHROME1");
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 1500);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 2500);

        var (ours, theirs) = await RenderBothAsync(dataset, RenderOptions.Default, "+Wi", "1");

        PixelComparison.AssertIdentical(ours, theirs);
        Assert.Equal(255, ours.Pixels[0]);
    }

    [Fact]
    public async Task Fractional_rescale_slope_and_intercept_apply_before_the_window_within_one_level_of_dcm2pnm()
    {
        var dataset = Image16(16, 15, false, SyntheticImage.Ramp(Rows * Columns, 0, 60000));
        SyntheticImage.SetDecimals(dataset, DicomTags.RescaleSlope, 0.25);
        SyntheticImage.SetDecimals(dataset, DicomTags.RescaleIntercept, -1024.5);

        var (ours, theirs) = await RenderBothAsync(dataset, new RenderOptions { Window = new VoiWindow(4000, 9000) }, "+Ww", "4000", "9000");

        // dcm2pnm truncates fractional modality values toward zero (488.25 -> 488) before windowing; we keep the
        // fraction, as C.11.1 defines it, so a level can be one apart.
        var comparison = PixelComparison.Of(ours, theirs);
        Assert.True(comparison.MaximumDifference <= 1, comparison.ToString());
        Assert.True(comparison.DifferingSamples <= comparison.Samples / 50, comparison.ToString());
    }

    [Fact]
    public async Task Modality_lut_with_a_negative_first_mapped_value_for_signed_data_exactly_as_dcm2pnm()
    {
        var dataset = Image16(12, 11, true, SyntheticImage.Ramp(Rows * Columns, -2048, 2047).Select(v => v & 0xFFFF));
        var item = new DicomDataset();
        // 2000 entries starting at -1000: stored values below map to entry 0, above to the last entry.
        item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 2000, -1000 & 0xFFFF, 16));
        item.SetString(DicomTags.ModalityLUTType, DicomVR.LO, "US");
        item.Set(SyntheticImage.LutData(DicomTags.LUTData, Enumerable.Range(0, 2000).Select(i => i * i / 80)));
        dataset.Set(new DicomSequence(DicomTags.ModalityLUTSequence, [item]));

        var (ours, theirs) = await RenderBothAsync(dataset, new RenderOptions { Window = new VoiWindow(25000, 50000) }, "+Ww", "25000", "50000");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Voi_lut_with_8_bit_entries_maps_the_modality_values_exactly_as_dcm2pnm()
    {
        var dataset = Image16(12, 11, false, SyntheticImage.Ramp(Rows * Columns, 0, 4095));
        var item = new DicomDataset();
        item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 1024, 1000, 8));
        item.Set(SyntheticImage.LutData(DicomTags.LUTData, Enumerable.Range(0, 1024).Select(i => 255 - i / 4)));
        dataset.Set(new DicomSequence(DicomTags.VOILUTSequence, [item]));

        var (ours, theirs) = await RenderBothAsync(dataset, RenderOptions.Default, "+Wl", "1");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public async Task Thirty_two_bit_samples_render_exactly_as_dcm2pnm()
    {
        var values = SyntheticImage.Ramp(Rows * Columns, 0, 900000);
        var bytes = values.SelectMany(BitConverter.GetBytes).ToArray();
        var dataset = SyntheticImage.Create(Rows, Columns, 1, 32, 20, 19, false, "MONOCHROME2", bytes);

        var (ours, theirs) = await RenderBothAsync(dataset, new RenderOptions { Window = new VoiWindow(450000, 800000) }, "+Ww", "450000", "800000");

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public void Linear_exact_follows_the_standard_formula()
    {
        var dataset = SyntheticImage.Create(1, 5, 1, 16, 16, 15, false, "MONOCHROME2", SyntheticImage.Words([0, 50, 100, 150, 200]));
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 100);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 100);
        dataset.SetString(DicomTags.VOILUTFunction, DicomVR.CS, "LINEAR_EXACT");

        var frame = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);

        // c - w/2 = 50 and below -> 0; above c + w/2 = 150 -> 255; between: ((x - c) / w + 0.5) * 255, truncated.
        Assert.Equal(new byte[] { 0, 0, 127, 255, 255 }, frame.Pixels);
    }

    [Fact]
    public void Presentation_lut_shape_inverse_in_the_file_inverts_monochrome2()
    {
        var dataset = SyntheticImage.Create(1, 3, 1, 8, 8, 7, false, "MONOCHROME2", [0, 128, 255, 0]);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 128);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 256);
        var identity = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);
        dataset.SetString(DicomTags.PresentationLUTShape, DicomVR.CS, "INVERSE");

        var inverse = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);

        Assert.Equal(new byte[] { 0, 128, 255 }, identity.Pixels);
        Assert.Equal(new byte[] { 255, 127, 0 }, inverse.Pixels);
    }

    [Fact]
    public void Monochrome1_with_an_inverse_presentation_shape_is_inverted_once_not_twice()
    {
        var dataset = SyntheticImage.Create(1, 3, 1, 8, 8, 7, false, "MONOCHROME1", [0, 128, 255, 0]);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 128);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 256);
        var plain = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);
        dataset.SetString(DicomTags.PresentationLUTShape, DicomVR.CS, "INVERSE");

        var withShape = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);
        var forcedIdentity = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0, new RenderOptions { PresentationShape = PresentationLutShape.Identity });

        Assert.Equal(new byte[] { 255, 127, 0 }, plain.Pixels);
        Assert.Equal(plain.Pixels, withShape.Pixels);
        Assert.Equal(new byte[] { 0, 128, 255 }, forcedIdentity.Pixels);
    }

    [Fact]
    public void Percentile_auto_window_ignores_a_few_extreme_pixels()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i == 0 ? 60000 : 1000 + i % 100).ToArray();
        var dataset = SyntheticImage.Create(10, 100, 1, 16, 16, 15, false, "MONOCHROME2", SyntheticImage.Words(values));

        var minMax = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);
        var percentile = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0, new RenderOptions { AutoWindow = AutoWindowMode.Percentile });

        Assert.True(minMax.Pixels.Skip(1).Max() <= 1, "min/max: the outlier squeezes every other pixel to black");
        Assert.Equal(255, percentile.Pixels[99]);
        Assert.Equal(0, percentile.Pixels[1]);
    }
}
