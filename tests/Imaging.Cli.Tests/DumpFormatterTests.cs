using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dump;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Cli.Tests;

/// <summary>The dump layout, element by element, on datasets built in the test and on corpus files.</summary>
public sealed class DumpFormatterTests
{
    private static readonly DicomTransferSyntax Syntax = DicomTransferSyntax.ExplicitVRLittleEndian;

    private static string Single(DicomDataset dataset, DicomDumpOptions? options = null) =>
        Assert.Single(DicomDumpFormatter.FormatDataset(dataset, Syntax, options));

    [Fact]
    public void Element_line_has_dcmdump_columns_value_padded_to_forty_characters()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Doe^John");

        Assert.Equal("(0010,0010) PN [Doe^John]                               #   8, 1 PatientName", Single(ds));
    }

    [Fact]
    public void Empty_value_prints_no_value_available_with_multiplicity_zero()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0050), DicomVR.SH);

        Assert.StartsWith("(0008,0050) SH (no value available)                     #   0, 0 ", Single(ds));
    }

    [Fact]
    public void Multi_valued_text_counts_its_values()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0008), DicomVR.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY");

        Assert.Contains("[ORIGINAL\\PRIMARY\\WHOLE BODY]", Single(ds));
        Assert.Contains("#  28, 3 ", Single(ds));
    }

    [Fact]
    public void Text_longer_than_the_width_is_cut_to_seventy_characters_ending_in_an_ellipsis()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0020, 0x4000), DicomVR.LT, new string('A', 100));

        var value = DumpLine.Parse(Single(ds))!.Value;

        Assert.Equal("[" + new string('A', 66) + "...", value);
    }

    [Fact]
    public void Text_that_fits_the_width_exactly_is_printed_whole()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0020, 0x4000), DicomVR.LT, new string('A', 68));

        Assert.Equal("[" + new string('A', 68) + "]", DumpLine.Parse(Single(ds))!.Value);
    }

    [Fact]
    public void Long_word_data_prints_whole_words_then_an_ellipsis()
    {
        var ds = new DicomDataset();
        ds.SetValues(DicomTag.PixelData, DicomVR.OW, Enumerable.Range(0, 1000).Select(i => (ushort)i).ToArray());

        var line = Single(ds);

        Assert.StartsWith("(7fe0,0010) OW 0000\\0001\\0002\\0003\\0004\\0005\\0006\\0007\\0008\\0009\\000a\\000b\\000c... # 2000, 1 ", line);
    }

    [Fact]
    public void Zero_width_prints_every_value()
    {
        var ds = new DicomDataset();
        ds.SetValues(new DicomTag(0x0018, 0x1310), DicomVR.US, Enumerable.Range(1000, 30).Select(i => (ushort)i).ToArray());

        var value = DumpLine.Parse(Single(ds, new DicomDumpOptions { MaxValueWidth = 0 }))!.Value;

        Assert.Equal(string.Join('\\', Enumerable.Range(1000, 30)), value);
    }

    [Fact]
    public void Binary_numbers_attribute_tags_and_reals_print_as_numbers()
    {
        var ds = new DicomDataset();
        ds.SetValues(new DicomTag(0x0028, 0x0106), DicomVR.SS, (short)-5, (short)278);
        ds.Set(DicomElement.FromTags(new DicomTag(0x0028, 0x0009), new DicomTag(0x0054, 0x0010), new DicomTag(0x0054, 0x0020)));
        ds.SetValues(new DicomTag(0x0018, 0x9053), DicomVR.FD, 4.68, 0.6);
        ds.SetValues(new DicomTag(0x0018, 0x9352), DicomVR.FL, 0.79f);

        var values = DicomDumpFormatter.FormatDataset(ds, Syntax).Select(l => DumpLine.Parse(l)!.Value).ToList();

        Assert.Equal(["4.68\\0.6", "0.79", "(0054,0010)\\(0054,0020)", "-5\\278"], values);
    }

    [Fact]
    public void Control_characters_are_escaped_so_each_element_stays_on_one_line()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0040, 0xA160), DicomVR.UT, "line one\r\nline two");

        Assert.Contains("[line one&#13;&#10;line two]", Single(ds));
    }

    [Fact]
    public void Text_is_decoded_with_the_datasets_character_set()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.SetString(new DicomTag(0x0010, 0x0010), DicomVR.PN, "Müller^Jürgen");

        var lines = DicomDumpFormatter.FormatDataset(ds, Syntax).ToList();

        Assert.Contains("[Müller^Jürgen]", lines[1]);
        // 15 bytes of UTF-8, padded to an even 16.
        Assert.Contains("#  16, 1", lines[1]);
    }

    [Fact]
    public void Tags_missing_from_the_dictionary_get_the_names_dcmdump_gives_them()
    {
        var ds = new DicomDataset();
        ds.SetValues(new DicomTag(0x0008, 0x0000), DicomVR.UL, 50u);
        ds.SetValues(new DicomTag(0x0011, 0x0000), DicomVR.UL, 56u);
        ds.SetString(new DicomTag(0x0011, 0x0010), DicomVR.LO, "SOMEONE");
        ds.SetString(new DicomTag(0x0011, 0x1010), DicomVR.LO, "with creator");
        ds.SetString(new DicomTag(0x0012, 0x1010), DicomVR.LO, "even group");

        var names = DicomDumpFormatter.FormatDataset(ds, Syntax).Select(l => l[(l.IndexOf(" # ", StringComparison.Ordinal) + 10)..]).ToList();

        Assert.Equal(["GenericGroupLength", "PrivateGroupLength", "PrivateCreator", "Unknown Tag & Data", "Unknown Tag & Data"], names);
    }

    [Fact]
    public void Sequence_of_explicit_length_shows_encoded_lengths_and_the_delimiters_dcmdump_adds_for_re_encoding()
    {
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "ABC");
        var ds = new DicomDataset();
        ds.Set(new DicomSequence(new DicomTag(0x0008, 0x1032), [item]) { UndefinedLength = false });
        item.UndefinedLength = false;

        var lines = DicomDumpFormatter.FormatDataset(ds, Syntax).ToList();

        Assert.Equal(
        [
            "(0008,1032) SQ (Sequence with explicit length #=1)      #  20, 1 ProcedureCodeSequence",
            "  (fffe,e000) na (Item with explicit length #=1)          #  12, 1 Item",
            "    (0008,0100) SH [ABC]                                    #   4, 1 CodeValue",
            "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem",
            "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem",
        ], lines);
    }

    [Fact]
    public void Sequence_of_undefined_length_shows_u_l_and_plain_delimiters()
    {
        var item = new DicomDataset { UndefinedLength = true };
        var ds = new DicomDataset();
        ds.Set(new DicomSequence(new DicomTag(0x0008, 0x1140), [item]) { UndefinedLength = true });

        var lines = DicomDumpFormatter.FormatDataset(ds, Syntax).ToList();

        Assert.Equal(
        [
            "(0008,1140) SQ (Sequence with undefined length #=1)     # u/l, 1 ReferencedImageSequence",
            "  (fffe,e000) na (Item with undefined length #=0)         # u/l, 1 Item",
            "  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
        ], lines);
    }

    [Fact]
    public void Encapsulated_pixel_data_lists_the_offset_table_and_each_fragment()
    {
        var pixels = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB);
        pixels.Fragments.Add(DicomBuffer.FromBytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }));
        var ds = new DicomDataset();
        ds.Set(pixels);

        var lines = DicomDumpFormatter.FormatDataset(ds, Syntax).ToList();

        Assert.Equal(
        [
            "(7fe0,0010) OB (PixelSequence #=2)                      # u/l, 1 PixelData",
            "  (fffe,e000) pi (no value available)                     #   0, 1 Item",
            "  (fffe,e000) pi ff\\d8\\ff\\d9                              #   4, 1 Item",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
        ], lines);
    }

    [Fact]
    public void Deferred_pixel_data_prints_the_same_as_pixel_data_read_into_memory()
    {
        var path = TestPaths.Corpus("nm/WG04_NM1_UNC.dcm");
        var deferred = DicomFileReader.Read(path);
        var loaded = DicomFileReader.Read(path, new DicomReaderOptions { LargeValueThreshold = int.MaxValue });

        Assert.IsType<FileRangeBuffer>(deferred.Dataset.GetElement(DicomTag.PixelData)!.Buffer);
        Assert.Equal(DicomDumpFormatter.Format(loaded), DicomDumpFormatter.Format(deferred));
    }

    [Fact]
    public void File_dump_starts_with_the_dcmdump_header_comments()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("nm/WG04_NM1_UNC.dcm"));

        var lines = DicomDumpFormatter.FormatLines(file).ToList();

        Assert.Equal(["", "# Dicom-File-Format", "", "# Dicom-Meta-Information-Header", "# Used TransferSyntax: Explicit VR Little Endian"], lines[..5]);
        Assert.Contains("# Dicom-Data-Set", lines);
        Assert.Contains(lines, l => l.StartsWith("(0010,0010) PN [CompressedSamples^NM1]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writing_to_a_text_writer_gives_the_same_text_as_formatting()
    {
        var file = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_siemens_head_CSA_CC0.dcm"));
        await using var writer = new StringWriter { NewLine = "\n" };

        await DicomDumpFormatter.WriteAsync(writer, file);

        Assert.Equal(DicomDumpFormatter.Format(file), writer.ToString());
    }
}
