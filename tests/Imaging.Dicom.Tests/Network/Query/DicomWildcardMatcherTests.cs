using System.Diagnostics;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class DicomWildcardMatcherTests
{
    [Theory]
    [InlineData("DOE^JOHN", "DOE*")]
    [InlineData("DOE^JOHN", "*JOHN")]
    [InlineData("DOE^JOHN", "D?E^J*N")]
    [InlineData("DOE^JOHN", "*")]
    [InlineData("DOE^JOHN", "**O**")]
    [InlineData("", "*")]
    [InlineData("ABAB", "*AB")]
    [InlineData("AAB", "*AB")]
    public void Star_and_question_mark_match_runs_and_single_characters(string value, string pattern) =>
        Assert.True(DicomWildcardMatcher.IsMatch(value, pattern));

    [Theory]
    [InlineData("DOE^JOHN", "doe*")]
    [InlineData("DOE^JOHN", "DOE")]
    [InlineData("DOE", "DOE?")]
    [InlineData("", "?")]
    [InlineData("ABC", "*D*")]
    [InlineData("ABCD", "A?D")]
    public void Wildcards_do_not_match_other_text_and_are_case_sensitive(string value, string pattern) =>
        Assert.False(DicomWildcardMatcher.IsMatch(value, pattern));

    [Fact]
    public void A_huge_pattern_of_stars_against_a_long_value_finishes_quickly()
    {
        // "a*a*a*...*b" against "aaaa...a" is exponential for a naive backtracking matcher.
        var pattern = string.Concat(Enumerable.Repeat("a*", 20_000)) + "b";
        var value = new string('a', 10_000);
        var watch = Stopwatch.StartNew();
        Assert.False(DicomWildcardMatcher.IsMatch(value, pattern));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
