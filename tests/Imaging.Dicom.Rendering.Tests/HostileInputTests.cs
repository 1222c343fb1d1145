using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering.Tests.Support;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>Attributes that lie or make no sense give one clear <see cref="PixelDataException"/>, never a crash.</summary>
public sealed class HostileInputTests
{
    private static DicomDataset Gray(int rows = 4, int columns = 4) =>
        SyntheticImage.Create(rows, columns, 1, 16, 12, 11, false, "MONOCHROME2", SyntheticImage.Words(Enumerable.Range(0, rows * columns)));

    private static PixelDataException Fails(DicomDataset dataset, RenderOptions? options = null, int frame = 0) =>
        Assert.Throws<PixelDataException>(() => FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, frame, options));

    [Theory]
    [InlineData(0)]
    [InlineData(-40)]
    [InlineData(0.5)]
    public void A_file_window_width_below_one_is_rejected(double width)
    {
        var dataset = Gray();
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 40);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, width);

        Assert.Contains("width", Fails(dataset).Message);
    }

    [Fact]
    public void A_requested_window_with_a_negative_width_is_rejected()
    {
        Assert.Contains("below 1", Fails(Gray(), new RenderOptions { Window = new VoiWindow(40, -1) }).Message);
        Assert.Contains("not positive", Fails(Gray(), new RenderOptions { Window = new VoiWindow(40, 0, VoiLutFunction.Sigmoid) }).Message);
    }

    [Fact]
    public void Window_centers_without_as_many_widths_are_rejected()
    {
        var dataset = Gray();
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 40, 80);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 400);

        Assert.Contains("2 values", Fails(dataset).Message);
    }

    [Fact]
    public void A_window_index_beyond_the_files_windows_is_rejected()
    {
        var dataset = Gray();
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 40);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 400);

        Assert.Contains("has 1", Fails(dataset, new RenderOptions { WindowIndex = 3 }).Message);
    }

    [Fact]
    public void An_unknown_voi_lut_function_is_rejected()
    {
        var dataset = Gray();
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowCenter, 40);
        SyntheticImage.SetDecimals(dataset, DicomTags.WindowWidth, 400);
        dataset.SetString(DicomTags.VOILUTFunction, DicomVR.CS, "CUBIC");

        Assert.Contains("CUBIC", Fails(dataset).Message);
    }

    [Fact]
    public void A_modality_lut_descriptor_that_claims_more_entries_than_its_data_holds_is_rejected()
    {
        var dataset = Gray();
        var item = new DicomDataset();
        item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 4096, 0, 16));
        item.Set(SyntheticImage.LutData(DicomTags.LUTData, Enumerable.Range(0, 100)));
        dataset.Set(new DicomSequence(DicomTags.ModalityLUTSequence, [item]));

        Assert.Contains("4096 entries", Fails(dataset).Message);
    }

    [Fact]
    public void A_lut_descriptor_with_zero_or_17_bits_per_entry_is_rejected()
    {
        foreach (var bits in new[] { 0, 17 })
        {
            var dataset = Gray();
            var item = new DicomDataset();
            item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 4, 0, bits));
            item.Set(SyntheticImage.LutData(DicomTags.LUTData, [0, 1, 2, 3]));
            dataset.Set(new DicomSequence(DicomTags.VOILUTSequence, [item]));

            Assert.Contains("bits per entry", Fails(dataset).Message);
        }
    }

    [Fact]
    public void Lut_data_larger_than_any_lut_is_rejected_before_it_is_read()
    {
        var dataset = Gray();
        var item = new DicomDataset();
        item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 0, 0, 16));
        item.Set(SyntheticImage.LutData(DicomTags.LUTData, new int[70000]));
        dataset.Set(new DicomSequence(DicomTags.VOILUTSequence, [item]));

        Assert.Contains("more than any LUT", Fails(dataset).Message);
    }

    [Fact]
    public void A_short_lut_descriptor_is_rejected()
    {
        var dataset = Gray();
        var item = new DicomDataset();
        item.Set(SyntheticImage.UnsignedShorts(DicomTags.LUTDescriptor, 4));
        item.Set(SyntheticImage.LutData(DicomTags.LUTData, [0, 1, 2, 3]));
        dataset.Set(new DicomSequence(DicomTags.ModalityLUTSequence, [item]));

        Assert.Contains("not three values", Fails(dataset).Message);
    }

    private static DicomDataset Palette(int bits, int[] entries, int count)
    {
        var dataset = SyntheticImage.Create(2, 2, 1, 8, 8, 7, false, "PALETTE COLOR", [0, 1, 2, 3]);
        foreach (var (descriptor, data) in new[]
        {
            (DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData),
            (DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData),
            (DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData),
        })
        {
            dataset.Set(SyntheticImage.UnsignedShorts(descriptor, count, 0, bits));
            dataset.Set(SyntheticImage.LutData(data, entries));
        }
        return dataset;
    }

    [Fact]
    public void Palette_entries_beyond_the_descriptors_bits_are_rejected()
    {
        Assert.Contains("exceed", Fails(Palette(8, [0, 300, 2, 0x1FF], 4)).Message);
    }

    [Fact]
    public void A_palette_descriptor_lying_about_its_length_is_rejected()
    {
        Assert.Contains("256 entries", Fails(Palette(16, [0, 1, 2, 3], 256)).Message);
    }

    [Fact]
    public void A_palette_without_lut_data_is_rejected()
    {
        var dataset = SyntheticImage.Create(2, 2, 1, 8, 8, 7, false, "PALETTE COLOR", [0, 1, 2, 3]);

        Assert.Contains("Palette Color LUT", Fails(dataset).Message);
    }

    [Fact]
    public void Segmented_palettes_that_overflow_or_loop_are_rejected()
    {
        var dataset = SyntheticImage.Create(2, 2, 1, 8, 8, 7, false, "PALETTE COLOR", [0, 1, 2, 3]);
        foreach (var (descriptor, data) in new[]
        {
            (DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.SegmentedRedPaletteColorLookupTableData),
            (DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.SegmentedGreenPaletteColorLookupTableData),
            (DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.SegmentedBluePaletteColorLookupTableData),
        })
        {
            dataset.Set(SyntheticImage.UnsignedShorts(descriptor, 4, 0, 16));
            // An indirect segment that points at itself.
            dataset.Set(SyntheticImage.LutData(data, [2, 1, 0, 0]));
        }

        Assert.Contains("indirect", Fails(dataset).Message);
    }

    [Fact]
    public void A_frame_beyond_the_last_is_rejected()
    {
        Assert.Contains("has 1", Fails(Gray(), frame: 1).Message);
    }

    [Fact]
    public void Pixel_data_shorter_than_the_frame_is_rejected()
    {
        var dataset = Gray();
        SyntheticImage.SetPixelData(dataset, new byte[10], 16);

        Assert.Contains("Pixel Data holds 10 bytes", Fails(dataset).Message);
    }

    [Fact]
    public void A_dataset_without_pixel_data_is_rejected()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_siemens_head_CSA_CC0.dcm"));

        Assert.Throws<PixelDataException>(() => FrameRenderer.Render(file, 0));
    }

    [Fact]
    public void An_unsupported_photometric_interpretation_is_rejected()
    {
        var dataset = SyntheticImage.Create(2, 2, 3, 8, 8, 7, false, "HSV", new byte[12]);

        Assert.Contains("HSV", Fails(dataset).Message);
    }

    [Fact]
    public void Rgb_with_one_sample_per_pixel_is_rejected()
    {
        var dataset = SyntheticImage.Create(2, 2, 1, 8, 8, 7, false, "RGB", new byte[4]);

        Assert.Contains("3 sample", Fails(dataset).Message);
    }

    [Fact]
    public void A_rescale_slope_of_zero_or_text_is_rejected()
    {
        var dataset = Gray();
        SyntheticImage.SetDecimals(dataset, DicomTags.RescaleSlope, 0);
        Assert.Contains("Slope", Fails(dataset).Message);

        dataset.SetString(DicomTags.RescaleSlope, DicomVR.DS, "abc");
        Assert.Contains("Rescale", Fails(dataset).Message);
    }

    [Fact]
    public void Absurd_dimensions_are_rejected_before_any_allocation()
    {
        var dataset = Gray();
        dataset.SetValues(DicomTags.Rows, DicomVR.US, (ushort)65535);
        dataset.SetValues(DicomTags.Columns, DicomVR.US, (ushort)65535);

        Assert.Contains("exceeds", Fails(dataset).Message);
    }

    [Fact]
    public void One_bit_samples_are_rejected_with_a_clear_message()
    {
        var dataset = SyntheticImage.Create(8, 8, 1, 1, 1, 0, false, "MONOCHROME2", new byte[8]);

        Assert.Throws<PixelDataException>(() => FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0));
    }

    [Fact]
    public void A_compressed_frame_without_a_registered_decoder_says_which_syntax_is_missing()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_JPLL.dcm"));

        var ex = Assert.Throws<PixelDataException>(() => FrameRenderer.Render(file, 0, null, new PixelCodecRegistry()));

        Assert.Contains("No decoder", ex.Message);
    }
}
