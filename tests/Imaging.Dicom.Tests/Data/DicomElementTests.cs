using System.Text;
using Imaging.Dicom.Data;
using Imaging.Dicom.Text;

namespace Imaging.Dicom.Tests.Data;

public class DicomElementTests
{
    private static readonly DicomTag Tag = new(0x0018, 0x0050);

    private static DicomElement Text(DicomVR vr, string raw) =>
        new(Tag, vr, DicomBuffer.FromBytes(Encoding.Latin1.GetBytes(raw)));

    // ---- strings ----------------------------------------------------------------------------------------------

    [Fact]
    public void GetString_drops_trailing_space_and_NUL_padding_only()
    {
        Assert.Equal("  ABC", Text(DicomVR.LO, "  ABC \0").GetString());
        Assert.Equal("1.2.3", Text(DicomVR.UI, "1.2.3\0").GetString());
        Assert.Equal("", Text(DicomVR.LO, "").GetString());
    }

    [Fact]
    public void GetStrings_splits_on_backslash_and_trims_each_value()
    {
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], Text(DicomVR.CS, @"ORIGINAL\ PRIMARY \AXIAL ").GetStrings());
        Assert.Equal(["1.2", "3.4"], Text(DicomVR.UI, "1.2\\3.4\0").GetStrings());
        Assert.Equal(["a", "", "c"], Text(DicomVR.LO, @"a\\c").GetStrings());
        Assert.Empty(Text(DicomVR.CS, "").GetStrings());
    }

    [Theory]
    [InlineData("LT")]
    [InlineData("ST")]
    [InlineData("UT")]
    public void Text_VRs_hold_one_value_with_backslashes_and_leading_spaces_kept(string vr)
    {
        var e = Text(DicomVRInfo.Parse(vr), @"  C:\temp\x  ");
        Assert.Equal([@"  C:\temp\x"], e.GetStrings());
        Assert.Equal(1, e.GetValueMultiplicity());
    }

    [Fact]
    public void UR_holds_one_value()
    {
        Assert.Equal([@"http://x/a\b"], Text(DicomVR.UR, @"http://x/a\b ").GetStrings());
    }

    [Fact]
    public void Character_set_applies_to_the_VRs_that_follow_it()
    {
        var utf8 = DicomCharacterSet.FromSpecificCharacterSet(["ISO_IR 192"]);
        var bytes = Encoding.UTF8.GetBytes("Ödön^Ä");
        Assert.Equal("Ödön^Ä", new DicomElement(Tag, DicomVR.PN, DicomBuffer.FromBytes(bytes)).GetString(utf8));
        Assert.Equal("Ödön^Ä", new DicomElement(Tag, DicomVR.LO, DicomBuffer.FromBytes(bytes)).GetString(utf8));
        // CS is not affected by (0008,0005): the bytes come back one character each.
        Assert.Equal(Encoding.Latin1.GetString(bytes), new DicomElement(Tag, DicomVR.CS, DicomBuffer.FromBytes(bytes)).GetString(utf8));
    }

    [Fact]
    public void FromStrings_joins_values_and_pads_to_even_length_with_the_VR_padding()
    {
        var cs = DicomElement.FromStrings(Tag, DicomVR.CS, ["A", "B"]);
        Assert.Equal(@"A\B "u8.ToArray(), cs.Buffer.GetMemory().ToArray());
        var ui = DicomElement.FromStrings(Tag, DicomVR.UI, ["1.2.3"]);
        Assert.Equal("1.2.3\0"u8.ToArray(), ui.Buffer.GetMemory().ToArray());
        var even = DicomElement.FromStrings(Tag, DicomVR.SH, ["AB"]);
        Assert.Equal(2, even.Length);
        Assert.True(DicomElement.FromStrings(Tag, DicomVR.LO, []).IsEmpty);
        Assert.Equal(["A", "B"], cs.GetStrings());
    }

    [Fact]
    public void FromStrings_encodes_text_VRs_in_the_character_set()
    {
        var latin1 = DicomElement.FromStrings(Tag, DicomVR.PN, ["Müller"], DicomCharacterSet.FromSpecificCharacterSet(["ISO_IR 100"]));
        Assert.Equal(Encoding.Latin1.GetBytes("Müller"), latin1.Buffer.GetMemory().ToArray());
        var utf8 = DicomElement.FromStrings(Tag, DicomVR.PN, ["Müller"], DicomCharacterSet.FromSpecificCharacterSet(["ISO_IR 192"]));
        Assert.Equal(Encoding.UTF8.GetBytes("Müller "), utf8.Buffer.GetMemory().ToArray());
    }

    [Fact]
    public void FromString_splits_multi_valued_VRs_but_not_text()
    {
        Assert.Equal(3, DicomElement.FromString(Tag, DicomVR.CS, @"A\B\C").GetValueMultiplicity());
        Assert.Equal(1, DicomElement.FromString(Tag, DicomVR.LT, @"A\B\C").GetValueMultiplicity());
    }

    [Fact]
    public void FromStrings_refuses_binary_VRs()
    {
        Assert.Throws<ArgumentException>(() => DicomElement.FromStrings(Tag, DicomVR.US, ["1"]));
        Assert.Throws<ArgumentException>(() => DicomElement.FromStrings(Tag, DicomVR.SQ, ["1"]));
    }

    // ---- DS -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("+3", 3.0)]
    [InlineData("1,5", 1.5)] // a decimal comma from a localised writer
    [InlineData("-0.25", -0.25)]
    [InlineData("1e2", 100.0)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("\01.5\0", 1.5)]
    [InlineData("\t2\t", 2.0)]
    public void DS_is_read_tolerantly(string text, double expected)
    {
        Assert.Equal(expected, Assert.Single(Text(DicomVR.DS, text).GetDecimals()), 12);
    }

    [Fact]
    public void DS_empty_values_read_as_NaN_and_an_empty_element_as_no_values()
    {
        Assert.Equal([1.0, double.NaN, 3.0], Text(DicomVR.DS, @"1\\3").GetDecimals());
        Assert.Equal([double.NaN], Text(DicomVR.DS, "  ").GetDecimals());
        Assert.Empty(Text(DicomVR.DS, "").GetDecimals());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1,234.5")]
    [InlineData("1 2")]
    public void DS_that_is_not_a_number_throws_a_value_exception_naming_the_tag(string text)
    {
        var ex = Assert.Throws<DicomValueException>(() => Text(DicomVR.DS, text).GetDecimals());
        Assert.Equal(Tag, ex.Tag);
        Assert.Contains("(0018,0050)", ex.Message);
    }

    [Fact]
    public void FromDecimals_writes_at_most_16_characters_per_value()
    {
        foreach (var value in new[] { 1.0 / 3, -1.0 / 3, 123456789012345678.0, 1e-20, -2.5e300, 0.1, 42 })
        {
            var e = DicomElement.FromDecimals(Tag, value);
            var text = Assert.Single(e.GetStrings());
            Assert.True(text.Length <= 16, $"{value} formatted as '{text}'");
            Assert.Equal(value, e.GetDecimals()[0], Math.Abs(value) * 1e-10);
        }
        Assert.Equal(["0.1", "42"], DicomElement.FromDecimals(Tag, 0.1, 42).GetStrings());
    }

    // ---- IS -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(" 12 ", 12)]
    [InlineData("+3", 3)]
    [InlineData("-7", -7)]
    [InlineData("12.0", 12)]
    [InlineData("1.2E1", 12)]
    [InlineData("007", 7)]
    [InlineData("2147483648", 2147483648)]
    public void IS_is_read_tolerantly(string text, long expected)
    {
        Assert.Equal(expected, Assert.Single(Text(DicomVR.IS, text).GetIntegers()));
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("twelve")]
    [InlineData("0x10")]
    public void IS_that_is_not_a_whole_number_throws_a_value_exception(string text)
    {
        Assert.Throws<DicomValueException>(() => Text(DicomVR.IS, text).GetIntegers());
    }

    [Fact]
    public void IS_multiple_values_and_an_empty_element()
    {
        Assert.Equal([1, -2, 3], Text(DicomVR.IS, @"1\-2\ +3").GetIntegers());
        Assert.Empty(Text(DicomVR.IS, "").GetIntegers());
        Assert.Equal(["5", "-6"], DicomElement.FromIntegers(Tag, 5, -6).GetStrings());
    }

    // ---- binary ---------------------------------------------------------------------------------------------

    [Fact]
    public void Binary_values_round_trip_through_FromValues()
    {
        Assert.Equal(new ushort[] { 0, 1, 65535 }, DicomElement.FromValues(Tag, DicomVR.US, (ushort)0, (ushort)1, (ushort)65535).GetValues<ushort>());
        Assert.Equal(new short[] { -32768, 5 }, DicomElement.FromValues(Tag, DicomVR.SS, (short)-32768, (short)5).GetValues<short>());
        Assert.Equal(new[] { -1, int.MaxValue }, DicomElement.FromValues(Tag, DicomVR.SL, -1, int.MaxValue).GetValues<int>());
        Assert.Equal(new[] { 1.5f, -0.25f }, DicomElement.FromValues(Tag, DicomVR.FL, 1.5f, -0.25f).GetValues<float>());
        Assert.Equal(new[] { Math.PI }, DicomElement.FromValues(Tag, DicomVR.FD, Math.PI).GetValues<double>());
        Assert.Equal(new ulong[] { ulong.MaxValue }, DicomElement.FromValues(Tag, DicomVR.UV, ulong.MaxValue).GetValues<ulong>());
    }

    [Fact]
    public void Binary_values_are_little_endian_in_memory()
    {
        var e = DicomElement.FromValues(Tag, DicomVR.UL, 0x01020304u);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, e.Buffer.GetMemory().ToArray());
        Assert.Equal(0x01020304u, e.GetValue<uint>());
    }

    [Fact]
    public void GetValue_reads_one_value_and_refuses_an_index_past_the_end()
    {
        var e = DicomElement.FromValues(Tag, DicomVR.US, (ushort)10, (ushort)20);
        Assert.Equal(20, e.GetValue<ushort>(1));
        Assert.Throws<DicomValueException>(() => e.GetValue<ushort>(2));
        Assert.Throws<DicomValueException>(() => e.GetValue<ushort>(-1));
        Assert.Throws<DicomValueException>(() => e.GetValue<uint>(1));
    }

    [Fact]
    public void GetValues_ignores_a_trailing_partial_value()
    {
        var e = new DicomElement(Tag, DicomVR.US, DicomBuffer.FromBytes(new byte[] { 1, 0, 2, 0, 3 }));
        Assert.Equal(new ushort[] { 1, 2 }, e.GetValues<ushort>());
    }

    [Fact]
    public void Value_multiplicity_counts_binary_values_and_treats_other_as_one()
    {
        Assert.Equal(3, DicomElement.FromValues(Tag, DicomVR.US, (ushort)1, (ushort)2, (ushort)3).GetValueMultiplicity());
        Assert.Equal(2, DicomElement.FromValues(Tag, DicomVR.FD, 1.0, 2.0).GetValueMultiplicity());
        Assert.Equal(1, DicomElement.FromValues(Tag, DicomVR.OW, (ushort)1, (ushort)2, (ushort)3).GetValueMultiplicity());
        Assert.Equal(1, new DicomElement(Tag, DicomVR.OB, DicomBuffer.FromBytes(new byte[7])).GetValueMultiplicity());
        Assert.Equal(1, new DicomElement(Tag, DicomVR.UN, DicomBuffer.FromBytes(new byte[8])).GetValueMultiplicity());
        Assert.Equal(0, new DicomElement(Tag, DicomVR.US, DicomBuffer.Empty).GetValueMultiplicity());
        Assert.Equal(3, Text(DicomVR.CS, @"A\B\C").GetValueMultiplicity());
    }

    // ---- AT -------------------------------------------------------------------------------------------------

    [Fact]
    public void AT_values_are_group_then_element_each_little_endian()
    {
        var e = DicomElement.FromTags(new DicomTag(0x0020, 0x5000), new DicomTag(0x0010, 0x0020), new DicomTag(0x7FE0, 0x0010));
        Assert.Equal(DicomVR.AT, e.VR);
        Assert.Equal(new byte[] { 0x10, 0x00, 0x20, 0x00, 0xE0, 0x7F, 0x10, 0x00 }, e.Buffer.GetMemory().ToArray());
        Assert.Equal([new DicomTag(0x0010, 0x0020), new DicomTag(0x7FE0, 0x0010)], e.GetTags());
        Assert.Equal(2, e.GetValueMultiplicity());
        Assert.Empty(DicomElement.FromTags(new DicomTag(0x0020, 0x5000)).GetTags());
    }

    // ---- buffers --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Memory_buffers_copy_their_bytes_out_synchronously_and_asynchronously()
    {
        var buffer = DicomBuffer.FromBytes(new byte[] { 1, 2, 3 });
        Assert.True(buffer.IsLoaded);
        Assert.Equal(3, buffer.Length);
        var sync = new MemoryStream();
        buffer.CopyTo(sync);
        var async = new MemoryStream();
        await buffer.CopyToAsync(async);
        Assert.Equal(new byte[] { 1, 2, 3 }, sync.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, async.ToArray());
        Assert.Same(DicomBuffer.Empty, DicomBuffer.FromBytes(ReadOnlyMemory<byte>.Empty));
    }
}
