using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class DicomRangeMatcherTests
{
    [Theory]
    [InlineData("20240315", "20240315", true)]
    [InlineData("20240315", "20240316", false)]
    [InlineData("20240315", "20240301-20240331", true)]
    [InlineData("20240401", "20240301-20240331", false)]
    [InlineData("20240315", "20240315-", true)]
    [InlineData("20240314", "20240315-", false)]
    [InlineData("20240315", "-20240315", true)]
    [InlineData("20240316", "-20240315", false)]
    [InlineData("20240315", "2024.03.01-2024.03.31", true)]
    [InlineData("20240315", "garbage", false)]
    public void Dates_match_single_values_and_closed_or_open_ranges(string stored, string key, bool expected) =>
        Assert.Equal(expected, DicomRangeMatcher.IsMatch(DicomVR.DA, stored, key));

    [Theory]
    [InlineData("103015", "1030-1100", true)]
    [InlineData("103059.5", "-1030", true)]
    [InlineData("103100", "-1030", false)]
    [InlineData("0930", "1000-", false)]
    [InlineData("10:30:15", "1030-1031", true)]
    public void Times_compare_with_the_precision_of_each_bound(string stored, string key, bool expected) =>
        Assert.Equal(expected, DicomRangeMatcher.IsMatch(DicomVR.TM, stored, key));

    [Theory]
    [InlineData("20240315103000", "20240315-20240316", true)]
    [InlineData("20240315103000+0100", "202403-", true)]
    [InlineData("20240315103000", "20240315120000-", false)]
    [InlineData("20240315103000", "-20240315103000-0500", true)]
    public void Date_times_match_ranges_and_ignore_offsets(string stored, string key, bool expected) =>
        Assert.Equal(expected, DicomRangeMatcher.IsMatch(DicomVR.DT, stored, key));
}
