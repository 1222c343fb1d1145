using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering.Tests.Support;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Dicom.Rendering.Tests;

/// <summary>RGB, YBR and palette colour frames rendered by us and by dcm2pnm.</summary>
public sealed class ColorTests : IDisposable
{
    private const int Rows = 32;
    private const int Columns = 48;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(RenderedFrame Ours, PnmImage Theirs)> RenderBothAsync(DicomDataset dataset, params string[] dcm2pnmOptions)
    {
        var path = SyntheticImage.Write(dataset, _folder.File(Guid.NewGuid().ToString("N") + ".dcm"));
        var ours = FrameRenderer.Render(DicomFileReader.Read(path), 0);
        var theirs = await Dcm2Pnm.RenderAsync(path, dcm2pnmOptions);
        return (ours, theirs);
    }

    /// <summary>Interleaved RGB (or YBR) triples: colours vary across rows and columns so every channel moves.</summary>
    private static int[] Triples(int maximum)
    {
        var values = new int[Rows * Columns * 3];
        for (var y = 0; y < Rows; y++)
        {
            for (var x = 0; x < Columns; x++)
            {
                var p = (y * Columns + x) * 3;
                values[p] = x * maximum / (Columns - 1);
                values[p + 1] = y * maximum / (Rows - 1);
                values[p + 2] = (x + y) % 7 * maximum / 6;
            }
        }
        return values;
    }

    private static int[] ToPlanar(int[] interleaved)
    {
        var pixels = interleaved.Length / 3;
        var planar = new int[interleaved.Length];
        for (var p = 0; p < pixels; p++)
        {
            for (var c = 0; c < 3; c++) planar[c * pixels + p] = interleaved[3 * p + c];
        }
        return planar;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Rgb_8_bit_in_either_planar_configuration_renders_exactly_as_dcm2pnm(int planar)
    {
        var triples = Triples(255);
        var samples = planar == 0 ? triples : ToPlanar(triples);
        var dataset = SyntheticImage.Create(Rows, Columns, 3, 8, 8, 7, false, "RGB", samples.Select(v => (byte)v).ToArray(), planar);

        var (ours, theirs) = await RenderBothAsync(dataset);

        PixelComparison.AssertIdentical(ours, theirs);
        Assert.Equal(triples.Select(v => (byte)v), ours.Pixels);
    }

    [Fact]
    public async Task Rgb_16_bit_renders_exactly_as_dcm2pnm()
    {
        var dataset = SyntheticImage.Create(Rows, Columns, 3, 16, 16, 15, false, "RGB", SyntheticImage.Words(Triples(65535)));

        var (ours, theirs) = await RenderBothAsync(dataset);

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Ybr_full_converts_to_rgb_within_two_levels_of_dcm2pnm(int planar)
    {
        var triples = Triples(255);
        var samples = planar == 0 ? triples : ToPlanar(triples);
        var dataset = SyntheticImage.Create(Rows, Columns, 3, 8, 8, 7, false, "YBR_FULL", samples.Select(v => (byte)v).ToArray(), planar);

        var (ours, theirs) = await RenderBothAsync(dataset);

        // We apply the exact inverse of the PS3.3 C.7.6.3.1.2 equations, rounded; a least-squares fit of dcm2pnm's
        // output gives chroma gains about 255/256 of those and a centre near 127.5, so levels differ by up to two.
        var comparison = PixelComparison.Of(ours, theirs);
        Assert.True(comparison.MaximumDifference <= 2, comparison.ToString());
    }

    [Fact]
    public async Task Native_ybr_full_422_shares_chroma_between_pixel_pairs_within_two_levels_of_dcm2pnm()
    {
        var triples = Triples(255);
        var samples = new List<byte>();
        for (var p = 0; p < Rows * Columns; p += 2)
        {
            // Y1 Y2 Cb Cr: the pair's chroma is the first pixel's.
            samples.Add((byte)triples[3 * p]);
            samples.Add((byte)triples[3 * (p + 1)]);
            samples.Add((byte)triples[3 * p + 1]);
            samples.Add((byte)triples[3 * p + 2]);
        }
        var dataset = SyntheticImage.Create(Rows, Columns, 3, 8, 8, 7, false, "YBR_FULL_422", samples.ToArray());

        var (ours, theirs) = await RenderBothAsync(dataset);

        var comparison = PixelComparison.Of(ours, theirs);
        Assert.True(comparison.MaximumDifference <= 2, comparison.ToString());
    }

    [Fact]
    public void Ybr_full_made_with_the_standards_forward_equations_renders_back_to_the_original_rgb_within_one_level()
    {
        var rgb = Triples(255);
        var ybr = new byte[rgb.Length];
        for (var p = 0; p < rgb.Length; p += 3)
        {
            double r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
            ybr[p] = Level(0.2990 * r + 0.5870 * g + 0.1140 * b);
            ybr[p + 1] = Level(-0.1687 * r - 0.3313 * g + 0.5000 * b + 128);
            ybr[p + 2] = Level(0.5000 * r - 0.4187 * g - 0.0813 * b + 128);
        }
        var dataset = SyntheticImage.Create(Rows, Columns, 3, 8, 8, 7, false, "YBR_FULL", ybr);

        var frame = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);

        // One level from rounding the YBR samples, one more at most where a channel was clamped.
        var worst = rgb.Select((v, i) => Math.Abs(v - frame.Pixels[i])).Max();
        Assert.True(worst <= 2, $"worst difference {worst}");
        Assert.True(rgb.Select((v, i) => Math.Abs(v - frame.Pixels[i])).Count(d => d > 1) < rgb.Length / 100);
        static byte Level(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
    }

    [Fact]
    public async Task Palette_icon_of_a_siemens_mr_renders_exactly_as_dcm2pnm()
    {
        var source = DicomFileReader.Read(TestPaths.Corpus("ct_mr/MR_siemens_overlays_icon_palette.dcm"));
        var icon = new DicomDataset(source.Dataset.GetSequence(DicomTags.IconImageSequence)!.Items[0]);
        icon.SetString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        icon.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.10.1.99.1");

        var (ours, theirs) = await RenderBothAsync(icon);

        Assert.Equal(3, ours.Channels);
        PixelComparison.AssertIdentical(ours, theirs);
    }

    private static DicomDataset PaletteImage(int bits, int entries, int firstMapped, Func<int, int, int> entry, int bitsAllocated = 8, bool signed = false)
    {
        var indexes = Enumerable.Range(0, Rows * Columns).Select(i => (i * 7) % 300 - (signed ? 100 : 0)).ToArray();
        var pixels = bitsAllocated == 8 ? indexes.Select(v => (byte)v).ToArray() : SyntheticImage.Words(indexes.Select(v => v & 0xFFFF));
        var dataset = SyntheticImage.Create(Rows, Columns, 1, bitsAllocated, bitsAllocated, bitsAllocated - 1, signed, "PALETTE COLOR", pixels);
        var tags = new[]
        {
            (DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData),
            (DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData),
            (DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData),
        };
        for (var c = 0; c < 3; c++)
        {
            dataset.Set(SyntheticImage.UnsignedShorts(tags[c].Item1, entries == 65536 ? 0 : entries, firstMapped & 0xFFFF, bits));
            var channel = c;
            dataset.Set(SyntheticImage.LutData(tags[c].Item2, Enumerable.Range(0, entries).Select(i => entry(channel, i))));
        }
        return dataset;
    }

    [Fact]
    public async Task Palette_with_16_bit_entries_and_out_of_range_indexes_renders_exactly_as_dcm2pnm()
    {
        // 200 entries from index 50: indexes below 50 take the first entry, above 249 the last.
        var dataset = PaletteImage(16, 200, 50, (c, i) => (i * 331 + c * 20000) % 65536, bitsAllocated: 16);

        var (ours, theirs) = await RenderBothAsync(dataset);

        PixelComparison.AssertIdentical(ours, theirs);
    }

    [Fact]
    public void Palette_clamps_indexes_outside_the_table_to_its_first_and_last_entries()
    {
        var dataset = PaletteImage(16, 200, 50, (c, i) => i * 256, bitsAllocated: 16);

        var frame = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);

        // Pixel 0 has index 0 (< 50): entry 0; pixel 40 has index 280 (> 249): entry 199.
        Assert.Equal(0, frame.Pixels[0]);
        Assert.Equal(199, frame.Pixels[40 * 3]);
    }

    [Fact]
    public void Segmented_palette_expands_discrete_linear_and_indirect_segments()
    {
        var dataset = SyntheticImage.Create(1, 8, 1, 8, 8, 7, false, "PALETTE COLOR", [0, 1, 2, 3, 4, 5, 6, 7]);
        // Discrete 0, 0x1000; linear to 0x5000 over 2 entries; then an indirect copy of the first segment (byte offset 0).
        int[] segments = [0, 2, 0x0000, 0x1000, 1, 2, 0x5000, 2, 1, 0, 0, 0, 2, 0x0000, 0xFF00];
        var descriptors = new[] { DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableDescriptor };
        var data = new[] { DicomTags.SegmentedRedPaletteColorLookupTableData, DicomTags.SegmentedGreenPaletteColorLookupTableData, DicomTags.SegmentedBluePaletteColorLookupTableData };
        for (var c = 0; c < 3; c++)
        {
            dataset.Set(SyntheticImage.UnsignedShorts(descriptors[c], 8, 0, 16));
            dataset.Set(SyntheticImage.LutData(data[c], segments));
        }

        var frame = FrameRenderer.Render(dataset, DicomTransferSyntax.ExplicitVRLittleEndian, 0);

        byte[] expected = [0x00, 0x10, 0x30, 0x50, 0x00, 0x10, 0x00, 0xFF];
        Assert.Equal(expected, frame.Pixels.Where((_, i) => i % 3 == 0));
    }
}
