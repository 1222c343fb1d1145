using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using static Imaging.Analysis.Tests.BoneScan.Comparison.Findings;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>Matching rules, intensity and area change, the "2+2" rule and the flare caveat on hand-made findings.</summary>
public sealed class BoneScanComparerRuleTests
{
    private static readonly DateOnly Baseline = new(2026, 1, 10);

    [Fact]
    public void Matches_one_to_one_closest_first_within_the_match_distance()
    {
        // 2.4 mm pixels: C1 is 4.8 mm from P1 and 9.6 mm from P2; C2 is 7.2 mm from P1; C3 is 21.6 mm from P2 (too far).
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200), Lesion("P2", 100, 206));
        var current = Scan("1.2.2", Baseline.AddDays(90), Lesion("C1", 100, 202), Lesion("C2", 100, 197), Lesion("C3", 100, 215));

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.Equal("P1", comparison.Lesions.Single(l => l.Id == "C1").PriorId);
        Assert.Equal(LesionChange.New, comparison.Lesions.Single(l => l.Id == "C2").Status);
        Assert.Equal(LesionChange.New, comparison.Lesions.Single(l => l.Id == "C3").Status);
        Assert.Equal("P2", Assert.Single(comparison.Lesions, l => l.Status == LesionChange.Resolved).PriorId);
        Assert.Equal((1, 2, 1), (comparison.PersistentCount, comparison.NewCount, comparison.ResolvedCount));
        Assert.Equal(90, comparison.IntervalDays);
    }

    [Fact]
    public void Matches_across_a_neighbouring_region_but_not_across_the_body()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 120, 318, SkeletalRegion.LumbarSpine), Lesion("P2", 60, 500, SkeletalRegion.UpperLimbs));
        var current = Scan("1.2.2", Baseline.AddDays(90),
            Lesion("C1", 121, 320, SkeletalRegion.Sacrum), Lesion("C2", 61, 501, SkeletalRegion.Skull));

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.Equal(LesionChange.Persistent, comparison.Lesions.Single(l => l.Id == "C1").Status);
        Assert.Equal(LesionChange.New, comparison.Lesions.Single(l => l.Id == "C2").Status);
    }

    [Fact]
    public void Reports_peak_ratio_and_area_change_and_region_counts()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200, peak: 2.5, area: 200), Lesion("P2", 60, 600, SkeletalRegion.LowerLimbs));
        var current = Scan("1.2.2", Baseline.AddDays(60), Lesion("C1", 101, 200, peak: 3.75, area: 300));

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        var row = comparison.Lesions.Single(l => l.Id == "C1");
        Assert.Equal(1.5, row.PeakRatioChange);
        Assert.Equal(50, row.PeakChangePercent);
        Assert.Equal(100, row.AreaChangeMm2);
        Assert.Equal(50, row.AreaChangePercent);
        Assert.Equal(2.4, row.DistanceMm);
        var legs = comparison.RegionChanges.Single(r => r.Region == SkeletalRegion.LowerLimbs);
        Assert.Equal((1, 0, 0, 1, -1), (legs.Prior, legs.Current, legs.New, legs.Resolved, legs.Change));
        Assert.Equal(11, comparison.RegionChanges.Count);
    }

    [Fact]
    public void Aligns_a_shifted_and_scaled_patient_by_the_anchors()
    {
        // The current patient lies 10 rows lower and is 5 % larger about the head top.
        static int Row(int priorRow) => (int)Math.Round(30 + (priorRow - 20) * 1.05);
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 700, SkeletalRegion.LowerLimbs));
        var current = Scan("1.2.2", Baseline.AddDays(60), Lesion("C1", (int)Math.Round(128 + (100 - 128) * 1.05), Row(700), SkeletalRegion.LowerLimbs)) with
        {
            Anchors = new AnatomicalAnchors(Row(20), Row(130), Row(145), Row(320), Row(540), Row(760), 128, 105),
        };

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.Equal("anchors", comparison.Alignment.Method);
        Assert.Equal(1.05, comparison.Alignment.VerticalScale, 2);
        Assert.Equal(LesionChange.Persistent, Assert.Single(comparison.Lesions).Status);
        Assert.True(comparison.Lesions[0].DistanceMm < 3);
        // Unaligned, the lesion would be 34 rows (82 mm) away and counted as new and resolved.
        var unaligned = BoneScanComparer.Compare(prior with { Anchors = null }, current).Comparison!;
        Assert.Equal("identity", unaligned.Alignment.Method);
        Assert.Equal((1, 1), (unaligned.NewCount, unaligned.ResolvedCount));
        Assert.Contains(unaligned.Notes, n => n.Contains("unaligned", StringComparison.Ordinal));
    }

    [Fact]
    public void An_anchor_pulled_off_by_a_lesion_is_left_out_of_the_alignment()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 520, SkeletalRegion.LowerLimbs));
        var current = Scan("1.2.2", Baseline.AddDays(60), Lesion("C1", 100, 521, SkeletalRegion.LowerLimbs)) with
        {
            Anchors = Anchors with { Knees = 500 },
        };

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.False(comparison.Alignment.Anchors.Single(a => a.Name == "knees").Used);
        Assert.Equal(LesionChange.Persistent, Assert.Single(comparison.Lesions).Status);
    }

    [Fact]
    public void Two_new_lesions_on_a_first_post_treatment_scan_need_confirmation()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200));
        var current = Scan("1.2.2", Baseline.AddDays(70), Lesion("C1", 100, 200), Lesion("C2", 60, 600, SkeletalRegion.LowerLimbs), Lesion("C3", 200, 400, SkeletalRegion.Pelvis));

        var progression = BoneScanComparer.Compare(prior, current).Comparison!.Progression;

        Assert.Equal(ProgressionRuleStatus.NeedsConfirmation, progression.Status);
        Assert.Equal(2, progression.NewLesions);
        Assert.Contains("at least 42 days later shows at least 2 more", progression.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void One_new_lesion_does_not_meet_the_rule()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200));
        var current = Scan("1.2.2", Baseline.AddDays(70), Lesion("C1", 100, 200), Lesion("C2", 60, 600, SkeletalRegion.LowerLimbs));

        var comparison = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.Equal(ProgressionRuleStatus.NotMet, comparison.Progression.Status);
        Assert.Contains(comparison.Progression.Note, comparison.Notes);
    }

    [Theory]
    [InlineData(60, 2, ProgressionRuleStatus.Confirmed)]
    [InlineData(60, 1, ProgressionRuleStatus.NotConfirmed)]
    [InlineData(30, 2, ProgressionRuleStatus.ConfirmationTooEarly)]
    public void A_scan_after_one_awaiting_confirmation_confirms_only_with_two_more_new_lesions_six_weeks_later(int days, int newLesions, ProgressionRuleStatus expected)
    {
        var first = Scan("1.2.1", Baseline, Lesion("P1", 100, 200));
        var second = BoneScanComparer.Compare(first,
            Scan("1.2.2", Baseline.AddDays(70), Lesion("S1", 100, 200), Lesion("S2", 60, 600, SkeletalRegion.LowerLimbs), Lesion("S3", 200, 400, SkeletalRegion.Pelvis)));
        Assert.Equal(ProgressionRuleStatus.NeedsConfirmation, second.Comparison!.Progression.Status);
        var lesions = new List<BoneScanLesion> { Lesion("T1", 100, 200), Lesion("T2", 60, 600, SkeletalRegion.LowerLimbs), Lesion("T3", 200, 400, SkeletalRegion.Pelvis) };
        lesions.AddRange(new[] { Lesion("T4", 150, 100, SkeletalRegion.Skull), Lesion("T5", 40, 420, SkeletalRegion.UpperLimbs) }.Take(newLesions));

        var third = BoneScanComparer.Compare(second, Scan("1.2.3", Baseline.AddDays(70 + days), [.. lesions]));

        Assert.Equal(expected, third.Comparison!.Progression.Status);
        Assert.Equal(newLesions, third.Comparison.NewCount);
    }

    [Fact]
    public void Scan_within_twelve_weeks_of_therapy_carries_the_flare_caveat()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200));
        var current = Scan("1.2.2", Baseline.AddDays(100), Lesion("C1", 100, 200, peak: 4.5));

        var soon = BoneScanComparer.Compare(prior, current, new TherapyEvent(Baseline.AddDays(30), TherapyEvent.Explicit)).Comparison!;
        var late = BoneScanComparer.Compare(prior, current, new TherapyEvent(Baseline.AddDays(10), TherapyEvent.Explicit)).Comparison!;
        var none = BoneScanComparer.Compare(prior, current).Comparison!;

        Assert.True(soon.Therapy!.Flare);
        Assert.Equal(70, soon.Therapy.DaysAfterTherapy);
        Assert.Contains(soon.Notes, n => n.Contains("flare", StringComparison.Ordinal) && n.Contains("70 days after therapy", StringComparison.Ordinal));
        Assert.False(late.Therapy!.Flare);
        Assert.Equal(90, late.Therapy.DaysAfterTherapy);
        Assert.DoesNotContain(late.Notes, n => n.Contains("flare", StringComparison.Ordinal));
        Assert.Null(none.Therapy);
    }

    [Fact]
    public void Flare_window_is_an_option()
    {
        var prior = Scan("1.2.1", Baseline, Lesion("P1", 100, 200));
        var current = Scan("1.2.2", Baseline.AddDays(100), Lesion("C1", 100, 200));

        var comparison = BoneScanComparer.Compare(prior, current, new TherapyEvent(Baseline.AddDays(10), TherapyEvent.Explicit),
            new BoneScanComparisonOptions { FlareWindowDays = 120 }).Comparison!;

        Assert.True(comparison.Therapy!.Flare);
    }

    [Fact]
    public void Tracking_uids_are_deterministic_2_25_uids_unique_per_series_and_lesion()
    {
        var a = LesionTracking.DeriveUid("1.2.3", "L1");

        Assert.Equal(a, LesionTracking.DeriveUid("1.2.3", "L1"));
        Assert.NotEqual(a, LesionTracking.DeriveUid("1.2.3", "L2"));
        Assert.NotEqual(a, LesionTracking.DeriveUid("1.2.4", "L1"));
        Assert.Matches(@"^2\.25\.[1-9][0-9]*$", a);
        Assert.True(a.Length <= 64);
    }
}
