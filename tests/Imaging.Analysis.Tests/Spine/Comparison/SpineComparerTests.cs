using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;

namespace Imaging.Analysis.Tests.Spine.Comparison;

/// <summary>Every rule of the spine pre/post comparison on hand-made findings documents.</summary>
public sealed class SpineComparerTests
{
    private static readonly string[] Names = ["T10", "T11", "T12", "L1", "L2", "L3"];

    /// <summary>A normal level: 25 mm high, grade 0, centroid 30 mm below the previous one.</summary>
    internal static VertebraFindings Level(string name, double minimum = 25, int grade = 0, bool cement = false, double[]? centroid = null) => new()
    {
        Level = name,
        AnteriorHeightMm = minimum,
        MiddleHeightMm = minimum + 1,
        PosteriorHeightMm = 26,
        ReferenceHeightMm = 26,
        HeightLossPercent = 100 * (1 - minimum / 26),
        GenantGrade = grade,
        FractureType = grade > 0 ? "wedge" : "none",
        Cement = cement,
        VolumeMl = 30,
        CentroidMm = centroid ?? [0, 10, -30.0 * Array.IndexOf(Names, name)],
    };

    internal static SpineFindings Document(string series, DateOnly? date, params VertebraFindings[] levels) => new()
    {
        AnalyzerVersion = "0.1",
        Modality = "CT",
        StudyInstanceUid = "1.2.3." + series,
        SeriesInstanceUid = "1.2.3." + series + ".1",
        SeriesDate = date,
        Method = "ct-classical",
        LabelConfidence = "high",
        Vertebrae = levels,
        FlaggedLevels = [.. levels.Where(l => l.GenantGrade >= 1).Select(l => l.Level)],
    };

    private static readonly DateOnly Before = new(2026, 1, 10);
    private static readonly DateOnly After = new(2026, 4, 20);

    private static VertebraFindings[] Normal(Func<VertebraFindings, VertebraFindings>? change = null) =>
        [.. Names.Select(n => change is null ? Level(n) : change(Level(n)))];

    private static VertebraChange Row(SpineComparison comparison, string level) => comparison.Levels.Single(l => l.Level == level);

    [Fact]
    public void Grade_zero_before_and_graded_now_is_a_new_fracture()
    {
        var prior = Document("1", Before, Normal());
        var current = Document("2", After, Normal(l => l.Level == "L1" ? Level("L1", 18, 2) : l));

        var comparison = SpineComparer.Compare(current, prior);

        var row = Row(comparison, "L1");
        Assert.Equal(SpineComparer.NewFracture, row.Status);
        Assert.True(row.NewFracture);
        Assert.False(row.GradeProgression);
        Assert.Equal(-7, row.MinimumHeightChangeMm);
        Assert.Equal(-28, row.MinimumHeightChangePercent);
        Assert.Equal(["L1"], comparison.NewFractureLevels);
        Assert.Empty(comparison.ProgressedLevels);
        Assert.All(comparison.Levels.Where(l => l.Level != "L1"), l => Assert.Equal(SpineComparer.Stable, l.Status));
        Assert.Equal(100, comparison.IntervalDays);
        Assert.Empty(comparison.Notes);
    }

    [Fact]
    public void A_grade_rising_from_one_is_progressed_with_grade_progression()
    {
        var prior = Document("1", Before, Normal(l => l.Level == "T12" ? Level("T12", 20, 1) : l));
        var current = Document("2", After, Normal(l => l.Level == "T12" ? Level("T12", 19, 3) : l));

        var row = Row(SpineComparer.Compare(current, prior), "T12");

        Assert.Equal(SpineComparer.Progressed, row.Status);
        Assert.True(row.GradeProgression);
        Assert.False(row.NewFracture);
        Assert.Equal(1, row.PriorGenantGrade);
        Assert.Equal(3, row.CurrentGenantGrade);
    }

    [Theory]
    [InlineData(25, 21.5, "progressed")] // −3.5 mm, −14 %: beyond both limits
    [InlineData(25, 22.1, "stable")]     // −2.9 mm: within the 3 mm band
    [InlineData(40, 36.4, "stable")]     // −3.6 mm but only −9 %: within the 10 % band
    [InlineData(20, 23.5, "improved")]   // +3.5 mm, +17.5 %: height restored (kyphoplasty)
    [InlineData(20, 22.5, "stable")]     // +2.5 mm
    public void Height_changes_without_a_grade_change_count_beyond_3_mm_and_10_percent(double before, double after, string status)
    {
        var grade = before < 25 ? 1 : 0;
        var prior = Document("1", Before, Normal(l => l.Level == "L2" ? Level("L2", before, grade) : l));
        var current = Document("2", After, Normal(l => l.Level == "L2" ? Level("L2", after, grade) : l));

        var comparison = SpineComparer.Compare(current, prior);

        Assert.Equal(status, Row(comparison, "L2").Status);
        Assert.False(Row(comparison, "L2").GradeProgression);
        string[] progressed = status == "progressed" ? ["L2"] : [];
        Assert.Equal(progressed, comparison.ProgressedLevels);
    }

    [Fact]
    public void Cement_now_and_none_before_is_cement_added()
    {
        var prior = Document("1", Before, Normal(l => l.Level == "L3" ? Level("L3", cement: true) : l));
        var current = Document("2", After, Normal(l => l.Level is "L2" or "L3" ? Level(l.Level, cement: true) : l));

        var comparison = SpineComparer.Compare(current, prior);

        Assert.True(Row(comparison, "L2").CementAdded);
        Assert.Equal(SpineComparer.Stable, Row(comparison, "L2").Status);
        Assert.False(Row(comparison, "L3").CementAdded);
        Assert.Equal(["L2"], comparison.CementAddedLevels);
    }

    [Fact]
    public void Levels_on_one_side_only_are_listed_after_the_matched_ones()
    {
        var prior = Document("1", Before, [.. Normal().Skip(1)]);
        var current = Document("2", After, [.. Normal().Take(5)]);

        var comparison = SpineComparer.Compare(current, prior);

        Assert.Equal(["T11", "T12", "L1", "L2", "T10", "L3"], comparison.Levels.Select(l => l.Level));
        Assert.Equal(SpineComparer.OnlyCurrent, Row(comparison, "T10").Status);
        Assert.Equal(SpineComparer.OnlyPrior, Row(comparison, "L3").Status);
        Assert.Null(Row(comparison, "T10").PriorMinimumHeightMm);
        Assert.Equal(4, comparison.Alignment.MatchedLevels);
    }

    [Fact]
    public void A_fractured_level_missing_from_the_prior_within_its_levels_is_new_with_a_note()
    {
        var prior = Document("1", Before, [.. Normal().Where(l => l.Level != "T12")]);
        var current = Document("2", After, Normal(l => l.Level == "T12" ? Level("T12", 17, 2) : l));

        var comparison = SpineComparer.Compare(current, prior);

        Assert.Equal(SpineComparer.NewFracture, Row(comparison, "T12").Status);
        Assert.Equal(["T12"], comparison.NewFractureLevels);
        Assert.Contains(comparison.Notes, n => n.StartsWith("T12 was not measured in the prior", StringComparison.Ordinal));
    }

    [Fact]
    public void The_translation_between_the_series_is_fitted_and_each_level_gets_its_residual()
    {
        var prior = Document("1", Before, Normal());
        var current = Document("2", After, Normal(l => l with
        {
            CentroidMm = [l.CentroidMm[0] + 4, l.CentroidMm[1] - 3, l.CentroidMm[2] + 120 + (l.Level == "L1" ? 12 : 0)],
        }));

        var comparison = SpineComparer.Compare(current, prior);

        Assert.Equal(SpineComparer.ByLabel, comparison.Alignment.Method);
        Assert.Equal([4.0, -3.0, 120.0], comparison.Alignment.TranslationMm!);
        Assert.Equal(0, comparison.Alignment.ResidualMm);
        Assert.Equal(12, Row(comparison, "L1").CentroidDistanceMm);
        Assert.Equal(0, Row(comparison, "L2").CentroidDistanceMm);
        Assert.Contains(comparison.Notes, n => n.StartsWith("L1 moved more than 10 mm", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_shifted_by_one_level_are_reported_and_not_silently_relabelled()
    {
        // Six bodies on a strongly curved line: consecutive chords turn by 0.6 rad, so pairing a body with its neighbour
        // leaves residuals of 20–40 mm, while the right pairing leaves none.
        double[] Body(int i) => [5, 60 * Math.Cos(0.6 * i), -60 * Math.Sin(0.6 * i)];
        var levels = new[] { "T9", "T10", "T11", "T12", "L1", "L2", "L3" };
        var prior = Document("1", Before, [.. Enumerable.Range(0, 6).Select(i => Level(levels[i], centroid: Body(i)))]);
        // The current series calls every body one level lower (it counted differently) and lies 7 mm further along z.
        var current = Document("2", After, [.. Enumerable.Range(0, 6).Select(i => Level(levels[i + 1], centroid: [.. Body(i).Select((c, axis) => axis == 2 ? c + 7 : c)]))]);

        var comparison = SpineComparer.Compare(current, prior);

        Assert.Equal(SpineComparer.LabelDisagrees, comparison.Alignment.Method);
        Assert.True(comparison.Alignment.ResidualMm > 13);
        Assert.Contains(comparison.Notes, n => n.Contains("one level caudal of the prior's", StringComparison.Ordinal));
        Assert.Equal(5, comparison.Alignment.MatchedLevels);
        Assert.Equal(["T10", "T11", "T12", "L1", "L2", "T9", "L3"], comparison.Levels.Select(l => l.Level));
    }

    [Fact]
    public void Matched_levels_inherit_the_prior_tracking_uid_and_new_levels_get_their_own()
    {
        var prior = SpineTracking.AssignMissing(Document("1", Before, [.. Normal().Take(5)]));
        var current = Document("2", After, Normal());

        var compared = SpineComparer.Apply(current, prior);

        foreach (var level in Names.Take(5))
        {
            var uid = prior.Vertebrae.Single(v => v.Level == level).TrackingUid;
            Assert.Equal(uid, compared.Vertebrae.Single(v => v.Level == level).TrackingUid);
            Assert.Equal(uid, Row(compared.Comparison!, level).TrackingUid);
        }
        Assert.Equal(SpineTracking.DeriveUid(current.SeriesInstanceUid, "L3"), compared.Vertebrae.Single(v => v.Level == "L3").TrackingUid);
        Assert.Equal(SpineTracking.DeriveUid(prior.SeriesInstanceUid, "T10"), prior.Vertebrae[0].TrackingUid);
    }

    [Fact]
    public void A_prior_from_before_tracking_gives_the_uids_it_would_have_had()
    {
        var prior = Document("1", Before, Normal());
        var compared = SpineComparer.Apply(Document("2", After, Normal()), prior);

        Assert.Equal(SpineTracking.DeriveUid(prior.SeriesInstanceUid, "L1"), compared.Vertebrae.Single(v => v.Level == "L1").TrackingUid);
    }

    [Fact]
    public void Tracking_uids_are_deterministic_2_25_uids_of_at_most_64_characters()
    {
        var uid = SpineTracking.DeriveUid("1.2.840.1", "T7");

        Assert.Equal(uid, SpineTracking.DeriveUid("1.2.840.1", "T7"));
        Assert.NotEqual(uid, SpineTracking.DeriveUid("1.2.840.1", "T8"));
        Assert.NotEqual(uid, SpineTracking.DeriveUid("1.2.840.2", "T7"));
        Assert.StartsWith("2.25.", uid);
        Assert.True(uid.Length <= 64);
        Assert.All(uid[5..], c => Assert.True(char.IsAsciiDigit(c)));
        Assert.NotEqual('0', uid[5]);
    }

    [Fact]
    public void Low_confidence_other_method_other_modality_and_missing_dates_are_noted()
    {
        var prior = Document("1", null, Normal()) with { LabelConfidence = "low" };
        var seg = Document("2", After, Normal()) with { Method = "seg" };
        var mr = Document("3", After, Normal()) with { Modality = "MR", Method = "mr-classical", LabelConfidence = "low" };

        var bySeg = SpineComparer.Compare(seg, prior);
        var byMr = SpineComparer.Compare(mr, prior);

        Assert.Null(bySeg.IntervalDays);
        Assert.Contains(bySeg.Notes, n => n.StartsWith("The prior series' level labels are of low confidence", StringComparison.Ordinal));
        Assert.DoesNotContain(bySeg.Notes, n => n.StartsWith("The current series' level labels", StringComparison.Ordinal));
        Assert.Contains(bySeg.Notes, n => n.Contains("found by ct-classical and the current's by seg", StringComparison.Ordinal));
        Assert.Contains(bySeg.Notes, n => n.StartsWith("The interval is unknown", StringComparison.Ordinal));
        Assert.Contains(byMr.Notes, n => n.StartsWith("The current series' level labels are of low confidence", StringComparison.Ordinal));
        Assert.Contains(byMr.Notes, n => n.StartsWith("The prior is CT and the current MR", StringComparison.Ordinal));
        Assert.Equal("CT", byMr.PriorModality);
    }

    [Fact]
    public void Missing_centroids_leave_the_match_unchecked()
    {
        var prior = Document("1", Before, Normal(l => l with { CentroidMm = [] }));
        var comparison = SpineComparer.Compare(Document("2", After, Normal()), prior);

        Assert.Equal(SpineComparer.LabelUnchecked, comparison.Alignment.Method);
        Assert.Null(comparison.Alignment.TranslationMm);
        Assert.All(comparison.Levels, l => Assert.Null(l.CentroidDistanceMm));
        Assert.Equal(6, comparison.Alignment.MatchedLevels);
    }
}
