using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.Data;

public class DicomTagTests
{
    [Theory]
    [InlineData("(0008,0005)")]
    [InlineData("0008,0005")]
    [InlineData("00080005")]
    [InlineData("  (0008,0005)  ")]
    public void Parse_accepts_the_three_usual_forms(string text)
    {
        Assert.Equal(new DicomTag(0x0008, 0x0005), DicomTag.Parse(text));
    }

    [Fact]
    public void Parse_reads_hex_digits_in_either_case()
    {
        Assert.Equal(new DicomTag(0x7FE0, 0x0010), DicomTag.Parse("(7fe0,0010)"));
        Assert.Equal(new DicomTag(0xFFFE, 0xE00D), DicomTag.Parse("FFFEe00d"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("(0008,005)")]
    [InlineData("0008-0005")]
    [InlineData("(0008,0005")]
    [InlineData("GGGG0000")]
    [InlineData("000800050")]
    [InlineData("+0080005")]
    public void TryParse_rejects_what_is_not_a_tag(string? text)
    {
        Assert.False(DicomTag.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => DicomTag.Parse(text));
    }

    [Fact]
    public void Formats_as_parenthesised_hex_and_as_json_key()
    {
        var tag = new DicomTag(0x0029, 0x10AB);
        Assert.Equal("(0029,10AB)", tag.ToString());
        Assert.Equal("002910AB", tag.ToHex());
        Assert.Equal(tag, DicomTag.Parse(tag.ToString()));
        Assert.Equal(tag, DicomTag.Parse(tag.ToHex()));
    }

    [Fact]
    public void The_32_bit_value_has_the_group_in_the_high_half()
    {
        var tag = new DicomTag(0x7FE00010);
        Assert.Equal(0x7FE0, tag.Group);
        Assert.Equal(0x0010, tag.Element);
        Assert.Equal(0x7FE00010u, tag.Value);
        Assert.Equal(DicomTag.PixelData, tag);
    }

    [Fact]
    public void Tags_order_by_group_then_element()
    {
        var tags = new[]
        {
            new DicomTag(0xFFFE, 0xE000), new DicomTag(0x0010, 0x0010), new DicomTag(0x0008, 0xFFFF),
            new DicomTag(0x0009, 0x0000), new DicomTag(0x0008, 0x0005), new DicomTag(0x7FE0, 0x0010),
        };
        var sorted = tags.Order().ToArray();
        Assert.Equal(
        [
            new DicomTag(0x0008, 0x0005), new DicomTag(0x0008, 0xFFFF), new DicomTag(0x0009, 0x0000),
            new DicomTag(0x0010, 0x0010), new DicomTag(0x7FE0, 0x0010), new DicomTag(0xFFFE, 0xE000),
        ], sorted);
        Assert.True(new DicomTag(0x0008, 0xFFFF) < new DicomTag(0x0009, 0x0000));
        Assert.True(new DicomTag(0x0009, 0x0000) > new DicomTag(0x0008, 0xFFFF));
        Assert.True(new DicomTag(0x0010, 0x0010) <= new DicomTag(0x0010, 0x0010));
        Assert.True(new DicomTag(0x0010, 0x0010) >= new DicomTag(0x0010, 0x0010));
        Assert.Equal(0, new DicomTag(0x0010, 0x0010).CompareTo(new DicomTag(0x0010, 0x0010)));
    }

    [Theory]
    [InlineData(0x0009, 0x0010, true)]
    [InlineData(0x0029, 0x1010, true)]
    [InlineData(0xFFFD, 0x0010, true)]
    [InlineData(0x0008, 0x0010, false)] // even group
    [InlineData(0x0001, 0x0010, false)] // groups 1, 3, 5 and 7 are not private (PS3.5 7.8)
    [InlineData(0x0003, 0x1000, false)]
    [InlineData(0x0005, 0x0010, false)]
    [InlineData(0x0007, 0x0010, false)]
    [InlineData(0xFFFF, 0x0010, false)]
    public void Private_groups_are_the_odd_groups_above_0007(ushort group, ushort element, bool isPrivate)
    {
        Assert.Equal(isPrivate, new DicomTag(group, element).IsPrivate);
    }

    [Theory]
    [InlineData(0x0009, 0x0010, true)]
    [InlineData(0x0009, 0x00FF, true)]
    [InlineData(0x0009, 0x000F, false)]
    [InlineData(0x0009, 0x0100, false)]
    [InlineData(0x0009, 0x1000, false)]
    [InlineData(0x0008, 0x0010, false)]
    public void Private_creators_sit_at_elements_0010_to_00FF_of_a_private_group(ushort group, ushort element, bool isCreator)
    {
        Assert.Equal(isCreator, new DicomTag(group, element).IsPrivateCreator);
    }

    [Theory]
    [InlineData(0x0009, 0x1001, 0x0010)]
    [InlineData(0x0029, 0x10FF, 0x0010)]
    [InlineData(0x0029, 0x1234, 0x0012)]
    [InlineData(0x7FE1, 0xFF00, 0x00FF)]
    public void A_private_element_xxyy_belongs_to_the_creator_at_00xx(ushort group, ushort element, ushort creator)
    {
        Assert.Equal(new DicomTag(group, creator), new DicomTag(group, element).PrivateCreatorTag);
    }

    [Fact]
    public void Group_lengths_are_element_zero_of_any_group()
    {
        Assert.True(new DicomTag(0x0002, 0x0000).IsGroupLength);
        Assert.True(new DicomTag(0x0009, 0x0000).IsGroupLength);
        Assert.False(new DicomTag(0x0008, 0x0001).IsGroupLength);
    }

    [Fact]
    public void Tags_are_values()
    {
        Assert.Equal(new DicomTag(0x0010, 0x0010), new DicomTag(0x0010, 0x0010));
        Assert.NotEqual(new DicomTag(0x0010, 0x0010), new DicomTag(0x0010, 0x0020));
        Assert.Single(new HashSet<DicomTag> { new(0x0010, 0x0010), new(0x00100010) });
    }
}
