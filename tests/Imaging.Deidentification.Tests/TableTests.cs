using Imaging.Dicom.Data;

namespace Imaging.Deidentification.Tests;

public sealed class TableTests
{
    [Fact]
    public void The_table_lists_every_row_once_with_a_known_action()
    {
        var rows = ConfidentialityProfileTable.Rows;
        Assert.True(rows.Count >= 455, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => (r.Tag, r.Mask)).Distinct().Count());
        Assert.All(rows, r => DicomDeidentifier.ParseBasic(r.Basic));
        Assert.All(rows.SelectMany(r => r.Options.Values), a => Assert.Contains(a, "KCX"));
    }

    [Theory]
    [InlineData(0x00100010u, "Z")]
    [InlineData(0x00100020u, "Z")]
    [InlineData(0x00080018u, "U")]
    [InlineData(0x00081140u, "X/Z/U*")]
    [InlineData(0x00080080u, "X/Z/D")]
    [InlineData(0x00080023u, "Z/D")]
    [InlineData(0x0040A730u, "D")]
    public void Spot_checked_rows_match_the_standard(uint tag, string basic) =>
        Assert.Equal(basic, ConfidentialityProfileTable.Rows.Single(r => r.Tag == tag && r.Mask == uint.MaxValue).Basic);

    [Fact]
    public void Repeating_groups_are_masked_rows()
    {
        var overlay = ConfidentialityProfileTable.Rows.Single(r => r.Name == "Overlay Data");
        Assert.Equal(0x60003000u, overlay.Tag);
        Assert.Equal(0xFF00FFFFu, overlay.Mask);
        var curve = ConfidentialityProfileTable.Rows.Single(r => r.Name == "Curve Data");
        Assert.Equal(0xFF000000u, curve.Mask);
        Assert.Equal(new DicomTag(0x6002, 0x3000).Value & overlay.Mask, overlay.Tag);
    }
}
