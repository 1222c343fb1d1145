using Imaging.Dicom.Data;

namespace Imaging.Dicom.Tests.Data;

public class DicomDateTimeTests
{
    [Theory]
    [InlineData("19931124", 1993, 11, 24)]
    [InlineData("1993.11.24", 1993, 11, 24)] // ACR-NEMA
    [InlineData(" 20240229 ", 2024, 2, 29)]
    [InlineData("20240229\0", 2024, 2, 29)]
    [InlineData("00010101", 1, 1, 1)]
    public void DA_reads_the_standard_and_the_ACR_NEMA_form(string text, int y, int m, int d)
    {
        Assert.True(DicomDateTime.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20230229")] // not a leap year
    [InlineData("19931324")]
    [InlineData("19931100")]
    [InlineData("199311")]
    [InlineData("1993-11-24")]
    [InlineData("1993.1124.")]
    [InlineData("00000101")]
    [InlineData("1993112a")]
    [InlineData("+1993112")]
    public void DA_rejects_what_is_not_a_date(string text)
    {
        Assert.False(DicomDateTime.TryParseDate(text, out _));
    }

    [Theory]
    [InlineData("10", 10, 0, 0, 0)]
    [InlineData("1020", 10, 20, 0, 0)]
    [InlineData("102030", 10, 20, 30, 0)]
    [InlineData("102030.5", 10, 20, 30, 5_000_000)]
    [InlineData("102030.123456", 10, 20, 30, 1_234_560)]
    [InlineData("10:20:30.5", 10, 20, 30, 5_000_000)] // ACR-NEMA
    [InlineData("10:20", 10, 20, 0, 0)]
    [InlineData("10:19:38.290000", 10, 19, 38, 2_900_000)] // as in the GH340 corpus file
    [InlineData(" 235959 ", 23, 59, 59, 0)]
    [InlineData("235960", 23, 59, 59, 0)] // leap second, clamped
    [InlineData("000000", 0, 0, 0, 0)]
    public void TM_reads_partial_precision_and_the_ACR_NEMA_form(string text, int h, int m, int s, long fractionTicks)
    {
        Assert.True(DicomDateTime.TryParseTime(text, out var time));
        Assert.Equal(new TimeOnly(h, m, s).Add(TimeSpan.FromTicks(fractionTicks)), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("102")]
    [InlineData("240000")]
    [InlineData("106000")]
    [InlineData("102061")]
    [InlineData("102030.")]
    [InlineData("102030.1234567")] // at most six fraction digits
    [InlineData("10h20")]
    [InlineData("1020301")]
    public void TM_rejects_what_is_not_a_time(string text)
    {
        Assert.False(DicomDateTime.TryParseTime(text, out _));
    }

    [Theory]
    [InlineData("2020", 2020, 1, 1, 0, 0, 0, 0, 0)]
    [InlineData("202006", 2020, 6, 1, 0, 0, 0, 0, 0)]
    [InlineData("20200615", 2020, 6, 15, 0, 0, 0, 0, 0)]
    [InlineData("2020061512", 2020, 6, 15, 12, 0, 0, 0, 0)]
    [InlineData("202006151234", 2020, 6, 15, 12, 34, 0, 0, 0)]
    [InlineData("20200615123456", 2020, 6, 15, 12, 34, 56, 0, 0)]
    [InlineData("20200615123456.5", 2020, 6, 15, 12, 34, 56, 5_000_000, 0)]
    [InlineData("20200615123456.123456+0100", 2020, 6, 15, 12, 34, 56, 1_234_560, 60)]
    [InlineData("20200615-0500", 2020, 6, 15, 0, 0, 0, 0, -300)]
    [InlineData("2020-1200", 2020, 1, 1, 0, 0, 0, 0, -720)]
    [InlineData("20200615123456+1400", 2020, 6, 15, 12, 34, 56, 0, 840)]
    [InlineData("20200615123456+0530", 2020, 6, 15, 12, 34, 56, 0, 330)]
    public void DT_reads_partial_precision_and_UTC_offsets(string text, int y, int mo, int d, int h, int mi, int s, long fractionTicks, int offsetMinutes)
    {
        Assert.True(DicomDateTime.TryParseDateTime(text, out var value));
        var expected = new DateTimeOffset(new DateTime(y, mo, d, h, mi, s).AddTicks(fractionTicks), TimeSpan.FromMinutes(offsetMinutes));
        Assert.Equal(expected, value);
        Assert.Equal(expected.Offset, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("202")]
    [InlineData("20201")]
    [InlineData("2020061")]
    [InlineData("20201315")]
    [InlineData("20200631")]
    [InlineData("202006151")]
    [InlineData("20200615+01")]
    [InlineData("20200615+1500")]
    [InlineData("20200615+0160")]
    [InlineData("20200615126000")]
    public void DT_rejects_what_is_not_a_date_time(string text)
    {
        Assert.False(DicomDateTime.TryParseDateTime(text, out _));
    }

    [Fact]
    public void Dates_and_times_format_as_PS3_5_writes_them()
    {
        Assert.Equal("19931124", DicomDateTime.FormatDate(new DateOnly(1993, 11, 24)));
        Assert.Equal("102030", DicomDateTime.FormatTime(new TimeOnly(10, 20, 30)));
        Assert.Equal("102030.500000", DicomDateTime.FormatTime(new TimeOnly(10, 20, 30, 500)));
        Assert.True(DicomDateTime.TryParseTime(DicomDateTime.FormatTime(new TimeOnly(23, 59, 59, 999, 999)), out var t));
        Assert.Equal(new TimeOnly(23, 59, 59, 999, 999), t);
    }

    [Fact]
    public void Dataset_date_accessors_read_the_first_value()
    {
        var ds = new DicomDataset();
        ds.SetString(new DicomTag(0x0008, 0x0020), DicomVR.DA, "1993.11.24");
        ds.SetString(new DicomTag(0x0008, 0x0030), DicomVR.TM, "10:20:30.5");
        ds.SetString(new DicomTag(0x0008, 0x002A), DicomVR.DT, "20200615123456-0500", "20210101");
        ds.SetString(new DicomTag(0x0008, 0x0021), DicomVR.DA, "not a date");
        Assert.Equal(new DateOnly(1993, 11, 24), ds.GetDate(new DicomTag(0x0008, 0x0020)));
        Assert.Equal(new TimeOnly(10, 20, 30, 500), ds.GetTime(new DicomTag(0x0008, 0x0030)));
        Assert.Equal(new DateTimeOffset(2020, 6, 15, 12, 34, 56, TimeSpan.FromHours(-5)), ds.GetDateTime(new DicomTag(0x0008, 0x002A)));
        Assert.Null(ds.GetDate(new DicomTag(0x0008, 0x0021)));
        Assert.Null(ds.GetDate(new DicomTag(0x0008, 0x0022)));
        Assert.Null(ds.GetTime(new DicomTag(0x0008, 0x0031)));
    }
}
