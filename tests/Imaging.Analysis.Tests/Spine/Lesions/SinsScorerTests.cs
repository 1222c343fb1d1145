using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Lesions;

namespace Imaging.Analysis.Tests.Spine.Lesions;

public sealed class SinsScorerTests
{
    [Theory]
    [InlineData("C1", 3), InlineData("C2", 3), InlineData("C3", 2), InlineData("C6", 2), InlineData("C7", 3)]
    [InlineData("T1", 3), InlineData("T2", 3), InlineData("T3", 1), InlineData("T10", 1), InlineData("T11", 3), InlineData("T12", 3), InlineData("T13", 3)]
    [InlineData("L1", 3), InlineData("L2", 2), InlineData("L4", 2), InlineData("L5", 3), InlineData("L6", 3)]
    [InlineData("S1", 3), InlineData("S2", 0), InlineData("S5", 0)]
    public void Location_follows_the_sins_spinal_regions(string level, int expected) => Assert.Equal(expected, SinsScorer.Location(level));

    [Theory]
    [InlineData("X1"), InlineData("T"), InlineData("T14"), InlineData("L0"), InlineData("S6"), InlineData("T-1")]
    public void Unknown_level_names_have_no_location(string level) => Assert.Null(SinsScorer.Location(level));

    [Theory]
    [InlineData("lytic", 2), InlineData("mixed", 1), InlineData("blastic", 0)]
    public void Lesion_quality_is_lytic_2_mixed_1_blastic_0(string type, int expected) =>
        Assert.Equal(expected, SinsScorer.Score("L3", type, 0, 0.1)!.LesionQuality);

    [Theory]
    [InlineData(55, 0.1, 3)]
    [InlineData(50, 0.1, 2)]
    [InlineData(25, 0.9, 2)]
    [InlineData(10, 0.6, 1)]
    [InlineData(10, 0.5, 0)]
    [InlineData(0, 0.1, 0)]
    public void Collapse_scores_height_loss_then_body_involvement(double lossPercent, double involved, int expected) =>
        Assert.Equal(expected, SinsScorer.Score("T5", LesionTypes.Lytic, lossPercent, involved)!.Collapse);

    [Fact]
    public void A_level_without_a_lesion_has_no_sins() => Assert.Null(SinsScorer.Score("L1", LesionTypes.None, 60, 0));

    [Fact]
    public void The_partial_score_sums_the_three_components_and_names_the_missing_ones()
    {
        var sins = SinsScorer.Score("T12", LesionTypes.Mixed, 45, 0.3)!;
        Assert.Equal((3, 1, 2, 6), (sins.Location, sins.LesionQuality, sins.Collapse, sins.PartialScore));
        Assert.True(sins.Partial);
        Assert.Equal(["pain", "alignment", "posterolateral-involvement"], sins.Missing);
    }

    [Fact]
    public void Lesion_type_comes_from_the_two_volumes() =>
        Assert.Equal(["none", "lytic", "blastic", "mixed"], new[] { LesionTypes.Of(0, 0), LesionTypes.Of(1, 0), LesionTypes.Of(0, 1), LesionTypes.Of(1, 1) });

    [Fact]
    public void Findings_written_before_step_6_still_read_with_null_lesion_fields()
    {
        const string old = """
            {"analyzerVersion":"0.1","modality":"CT","studyInstanceUid":"1.2","seriesInstanceUid":"1.2.3","method":"ct-classical",
             "labelConfidence":"high","warnings":[],"flaggedLevels":[],"comparison":null,
             "vertebrae":[{"level":"L1","anteriorHeightMm":25,"middleHeightMm":25,"posteriorHeightMm":25,"referenceHeightMm":25,
             "heightLossPercent":0,"genantGrade":0,"fractureType":"none","cement":false,"volumeMl":30,"centroidMm":[0,0,0]}]}
            """;
        var findings = JsonSerializer.Deserialize(old, SpineJsonContext.Default.SpineFindings)!;
        var v = Assert.Single(findings.Vertebrae);
        Assert.Null(v.LesionType);
        Assert.Null(v.LyticVolumeMl);
        Assert.Null(v.BlasticVolumeMl);
        Assert.Null(v.Sins);
    }
}
