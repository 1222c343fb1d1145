using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Ct;

namespace Imaging.Analysis.Tests.Spine.Ct;

/// <summary>C2 as a second anchor of the level count: with S1 the two counts must agree (else low confidence and a warning);
/// without S1 the levels are counted down from C2 and checked against the ribs.</summary>
public sealed class LevelLabellerC2Tests
{
    /// <summary>Rib flags caudal first: S1 (if <paramref name="sacrum"/>), <paramref name="lumbar"/> rib-less, <paramref name="thoracic"/>
    /// rib-bearing, <paramref name="cervical"/> rib-less (C7 up to C2).</summary>
    private static List<bool> Column(bool sacrum, int lumbar, int thoracic, int cervical) =>
        [.. (sacrum ? [false] : Array.Empty<bool>()), .. Enumerable.Repeat(false, lumbar), .. Enumerable.Repeat(true, thoracic), .. Enumerable.Repeat(false, cervical)];

    private static readonly string[] NormalC2ToS1 =
    [
        "S1", "L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10", "T9", "T8", "T7", "T6", "T5", "T4", "T3", "T2", "T1",
        "C7", "C6", "C5", "C4", "C3", "C2",
    ];

    [Fact]
    public void Normal_column_from_C2_to_S1_is_named_with_high_confidence_when_both_counts_agree()
    {
        var result = LevelLabeller.Label(Column(sacrum: true, 5, 12, 6), sacrum: true, c2: true);

        Assert.Equal(NormalC2ToS1, result.Levels);
        Assert.Equal("high", result.Confidence);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Without_c2_the_labels_are_those_of_the_sacrum_and_ribs_alone()
    {
        var column = Column(sacrum: true, 5, 12, 6);

        var without = LevelLabeller.Label(column, sacrum: true);
        var with = LevelLabeller.Label(column, sacrum: true, c2: true);

        Assert.Equal(with.Levels, without.Levels);
        Assert.Equal(("high", 0), (without.Confidence, without.Warnings.Count));
    }

    [Theory]
    [InlineData(5, 13, 6)]
    [InlineData(6, 12, 6)]
    [InlineData(4, 12, 6)]
    public void Transitional_column_gives_low_confidence_and_a_c2_warning(int lumbar, int thoracic, int cervical)
    {
        var result = LevelLabeller.Label(Column(sacrum: true, lumbar, thoracic, cervical), sacrum: true, c2: true);

        Assert.Equal("low", result.Confidence);
        Assert.Contains(result.Warnings, w => w.Code == SpineWarningCodes.C2CountDisagrees);
        Assert.Equal("S1", result.Levels[0]);
    }

    [Fact]
    public void A_missed_cervical_body_is_caught_by_c2_although_sacrum_and_ribs_agree()
    {
        var column = Column(sacrum: true, 5, 12, 5);
        Assert.Equal("high", LevelLabeller.Label(column, sacrum: true).Confidence);

        var result = LevelLabeller.Label(column, sacrum: true, c2: true);

        Assert.Equal("low", result.Confidence);
        Assert.Equal(SpineWarningCodes.C2CountDisagrees, Assert.Single(result.Warnings).Code);
        Assert.Contains("22 vertebrae from C2 down to S1", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cervicothoracic_view_without_sacrum_is_counted_down_from_c2_and_confirmed_by_the_ribs()
    {
        var result = LevelLabeller.Label(Column(sacrum: false, 0, 8, 6), sacrum: false, c2: true);

        Assert.Equal(["T8", "T7", "T6", "T5", "T4", "T3", "T2", "T1", "C7", "C6", "C5", "C4", "C3", "C2"], result.Levels);
        Assert.Equal("high", result.Confidence);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Cervicothoracic_view_with_an_extra_cervical_body_is_low_with_a_c2_warning()
    {
        var result = LevelLabeller.Label(Column(sacrum: false, 0, 8, 7), sacrum: false, c2: true);

        Assert.Equal("low", result.Confidence);
        Assert.Equal(SpineWarningCodes.C2CountDisagrees, Assert.Single(result.Warnings).Code);
        Assert.Equal("C2", result.Levels[^1]);
    }
}
