using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.Data;

public class DicomVRInfoTests
{
    private static readonly string[] AllCodes =
    [
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
        "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    ];

    public static TheoryData<string> Codes() => new(AllCodes);

    [Fact]
    public void There_are_exactly_the_34_VRs_of_PS3_5_in_alphabetical_order()
    {
        Assert.Equal(34, DicomVRInfo.All.Count);
        Assert.Equal(AllCodes, DicomVRInfo.All.Select(DicomVRInfo.Code));
        Assert.DoesNotContain(DicomVR.None, DicomVRInfo.All);
        Assert.All(DicomVRInfo.All, vr => Assert.True(DicomVRInfo.IsKnown(vr)));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_VR_parses_from_its_code_and_back(string code)
    {
        var vr = DicomVRInfo.Parse(code);
        Assert.Equal(code, DicomVRInfo.Code(vr));
        Assert.Equal(code, vr.ToString());
        Assert.True(DicomVRInfo.TryParse((byte)code[0], (byte)code[1], out var fromBytes));
        Assert.Equal(vr, fromBytes);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("us")]
    [InlineData("U")]
    [InlineData("USS")]
    [InlineData("")]
    [InlineData("ÜS")]
    [InlineData("na")]
    public void Unknown_codes_are_rejected(string code)
    {
        Assert.False(DicomVRInfo.TryParse(code, out _));
        Assert.Throws<FormatException>(() => DicomVRInfo.Parse(code));
    }

    [Fact]
    public void Bytes_that_are_not_a_VR_are_rejected()
    {
        Assert.False(DicomVRInfo.TryParse(0x00, 0x00, out _));
        Assert.False(DicomVRInfo.TryParse((byte)'Z', (byte)'Z', out _));
        Assert.False(DicomVRInfo.IsKnown(DicomVR.None));
        Assert.Equal("??", DicomVRInfo.Code(DicomVR.None));
    }

    [Fact]
    public void The_long_length_VRs_are_those_of_PS3_5_table_7_1_1()
    {
        // 2-byte reserved field and 32-bit length in explicit VR.
        var expected = new[] { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" };
        Assert.Equal(expected, DicomVRInfo.All.Where(DicomVRInfo.HasLongLength).Select(DicomVRInfo.Code));
    }

    [Fact]
    public void String_VRs_and_those_that_follow_the_character_set()
    {
        Assert.Equal(new[] { "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT" },
            DicomVRInfo.All.Where(DicomVRInfo.IsString).Select(DicomVRInfo.Code));
        Assert.Equal(new[] { "LO", "LT", "PN", "SH", "ST", "UC", "UT" },
            DicomVRInfo.All.Where(DicomVRInfo.UsesCharacterSet).Select(DicomVRInfo.Code));
        Assert.Equal(new[] { "LT", "ST", "UR", "UT" },
            DicomVRInfo.All.Where(DicomVRInfo.IsSingleValuedText).Select(DicomVRInfo.Code));
    }

    [Theory]
    [InlineData("UI", 0)]
    [InlineData("OB", 0)]
    [InlineData("UN", 0)]
    [InlineData("US", 0)]
    [InlineData("CS", ' ')]
    [InlineData("PN", ' ')]
    [InlineData("DS", ' ')]
    [InlineData("UT", ' ')]
    public void Odd_values_are_padded_with_NUL_for_UI_and_binary_and_space_for_text(string code, int padding)
    {
        Assert.Equal((byte)padding, DicomVRInfo.PaddingByte(DicomVRInfo.Parse(code)));
    }

    [Theory]
    [InlineData("OB", 1, 1)]
    [InlineData("UN", 0, 1)]
    [InlineData("SQ", 0, 1)]
    [InlineData("CS", 0, 1)]
    [InlineData("OW", 2, 2)]
    [InlineData("US", 2, 2)]
    [InlineData("SS", 2, 2)]
    [InlineData("AT", 2, 2)]
    [InlineData("UL", 4, 4)]
    [InlineData("SL", 4, 4)]
    [InlineData("FL", 4, 4)]
    [InlineData("OF", 4, 4)]
    [InlineData("OL", 4, 4)]
    [InlineData("FD", 8, 8)]
    [InlineData("OD", 8, 8)]
    [InlineData("OV", 8, 8)]
    [InlineData("SV", 8, 8)]
    [InlineData("UV", 8, 8)]
    public void Binary_VRs_have_a_unit_size_and_swap_by_it(string code, int unitSize, int swapUnit)
    {
        var vr = DicomVRInfo.Parse(code);
        Assert.Equal(unitSize, DicomVRInfo.BinaryUnitSize(vr));
        Assert.Equal(swapUnit, DicomVRInfo.ByteSwapUnit(vr));
    }

    [Theory]
    [InlineData("AE", 16)]
    [InlineData("AS", 4)]
    [InlineData("CS", 16)]
    [InlineData("DA", 8)]
    [InlineData("DS", 16)]
    [InlineData("DT", 26)]
    [InlineData("IS", 12)]
    [InlineData("LO", 64)]
    [InlineData("LT", 10240)]
    [InlineData("SH", 16)]
    [InlineData("ST", 1024)]
    [InlineData("TM", 14)]
    [InlineData("UI", 64)]
    [InlineData("UT", 0)]
    [InlineData("OB", 0)]
    public void Maximum_value_lengths_follow_PS3_5_table_6_2_1(string code, int max)
    {
        Assert.Equal(max, DicomVRInfo.MaxValueLength(DicomVRInfo.Parse(code)));
    }
}
