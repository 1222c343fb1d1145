using System.Text.Json;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using static Imaging.Analysis.Tests.BoneScan.Comparison.Findings;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>Which prior a scan is compared with, and which therapy date is noted.</summary>
public sealed class BoneScanPriorSelectorTests
{
    private static readonly DateOnly Now = new(2026, 6, 1);

    private static PriorFindings Stored(BoneScanFindings findings, string analyzer = BoneScanAnalyzer.AnalyzerName) =>
        new(findings.StudyInstanceUid!, findings.SeriesInstanceUid!, findings.SeriesDate, analyzer, findings.AnalyzerVersion,
            JsonSerializer.Serialize(findings, BoneScanJsonContext.Default.BoneScanFindings));

    [Fact]
    public void Picks_the_most_recent_earlier_counted_scan_and_never_the_same_study()
    {
        var old = Scan("1.1", Now.AddDays(-300));
        var recent = Scan("1.2", Now.AddDays(-100));
        var sameStudy = Scan("1.3", Now) with { StudyInstanceUid = "9.9" };
        var later = Scan("1.4", Now.AddDays(10));
        var failed = Scan("1.5", Now.AddDays(-20)) with { Status = TracerStatus.Failed };
        var history = new PatientHistory([Stored(old), Stored(recent), Stored(sameStudy), Stored(later), Stored(failed),
            Stored(Scan("1.6", Now.AddDays(-5)), "metadata"), new PriorFindings("2.1", "2.1.1", Now.AddDays(-1), BoneScanAnalyzer.AnalyzerName, "0.2", "{not json")]);

        var (prior, therapy) = BoneScanPriorSelector.Select(history, "9.9", Now);

        Assert.Equal("1.2", prior!.SeriesInstanceUid);
        Assert.Null(therapy);
    }

    [Fact]
    public void Infers_the_therapy_from_a_not_counted_scan_between_prior_and_current()
    {
        var samarium = Scan("1.3", Now.AddDays(-50)) with { Status = TracerStatus.NotCounted, Tracer = "Sm-153 EDTMP", Lesions = [], LesionCount = null };
        var beforePrior = Scan("1.0", Now.AddDays(-400)) with { Status = TracerStatus.NotCounted, Tracer = "Sm-153 EDTMP" };
        var history = new PatientHistory([Stored(Scan("1.2", Now.AddDays(-100))), Stored(samarium), Stored(beforePrior)]);

        var (prior, therapy) = BoneScanPriorSelector.Select(history, "9.9", Now);

        Assert.Equal("1.2", prior!.SeriesInstanceUid);
        Assert.Equal(Now.AddDays(-50), therapy!.Date);
        Assert.Equal(TherapyEvent.Inferred, therapy.Source);
        Assert.Contains("Sm-153", therapy.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_therapy_date_wins_over_an_inferred_one()
    {
        var samarium = Scan("1.3", Now.AddDays(-50)) with { Status = TracerStatus.NotCounted };
        var history = new PatientHistory([Stored(Scan("1.2", Now.AddDays(-100))), Stored(samarium)]) { TherapyDate = Now.AddDays(-60) };

        var (_, therapy) = BoneScanPriorSelector.Select(history, "9.9", Now);

        Assert.Equal((Now.AddDays(-60), TherapyEvent.Explicit), (therapy!.Date, therapy.Source));
    }

    [Fact]
    public void No_counted_earlier_scan_means_no_prior()
    {
        var (prior, _) = BoneScanPriorSelector.Select(new PatientHistory([Stored(Scan("1.4", Now.AddDays(10)))]), "9.9", Now);

        Assert.Null(prior);
    }

    [Theory]
    [InlineData("""{"analyzerVersion":"x","status":"analysed","seriesDate":"2026-01-01","qc":null}""")]
    [InlineData("""{"analyzerVersion":"x","status":"analysed","seriesDate":"2026-01-01","qc":{},"lesions":null}""")]
    [InlineData("""{"analyzerVersion":"x","status":"analysed","seriesDate":"2026-01-01","qc":{},"lesions":[{"id":"L1","region":99,"views":[],"x":1,"y":1,"peakRatio":2,"areaMm2":1}]}""")]
    [InlineData("""{"analyzerVersion":"x","status":"analysed","seriesDate":"2026-01-01","qc":{},"lesions":[{"id":"L1","region":"skull","views":null,"x":1,"y":1,"peakRatio":2,"areaMm2":1}]}""")]
    [InlineData("""{"analyzerVersion":"x","status":"analysed","seriesDate":"2026-01-01","qc":{},"lesions":[{"id":"L1","region":"skull","views":[],"x":1e30,"y":1,"peakRatio":2,"areaMm2":1}]}""")]
    [InlineData("[]")]
    public void A_malformed_stored_payload_is_never_a_prior(string payload)
    {
        var history = new PatientHistory([new PriorFindings("2.1", "2.1.1", Now.AddDays(-10), BoneScanAnalyzer.AnalyzerName, "x", payload)]);

        var (prior, _) = BoneScanPriorSelector.Select(history, "9.9", Now);

        Assert.Null(prior);
    }

    [Fact]
    public void A_document_with_more_lesions_than_a_comparison_accepts_is_refused()
    {
        var many = Enumerable.Range(0, 30).Select(i => Lesion($"L{i}", i, i)).ToArray();
        var options = new BoneScanComparisonOptions { MaximumLesions = 20 };

        Assert.Throws<ArgumentException>(() => BoneScanComparer.Compare(Scan("1.1", Now.AddDays(-90), many), Scan("1.2", Now), null, options));
        Assert.Null(BoneScanPriorSelector.Select(new PatientHistory([Stored(Scan("1.1", Now.AddDays(-90), many))]), "9.9", Now, options).Prior);
    }

    [Fact]
    public void A_stored_comparison_survives_the_round_trip_so_a_later_scan_can_confirm_the_2_plus_2_rule()
    {
        var first = Scan("1.1", Now.AddDays(-200), Lesion("A1", 100, 200));
        var second = BoneScanComparer.Compare(first, Scan("1.2", Now.AddDays(-100), Lesion("B1", 100, 200),
            Lesion("B2", 60, 600, SkeletalRegion.LowerLimbs), Lesion("B3", 200, 400, SkeletalRegion.Pelvis)));

        var (prior, _) = BoneScanPriorSelector.Select(new PatientHistory([Stored(first), Stored(second)]), "9.9", Now);

        Assert.Equal("1.2", prior!.SeriesInstanceUid);
        Assert.Equal(ProgressionRuleStatus.NeedsConfirmation, prior.Comparison!.Progression.Status);
        Assert.Equal(JsonSerializer.Serialize(second, BoneScanJsonContext.Default.BoneScanFindings), JsonSerializer.Serialize(prior, BoneScanJsonContext.Default.BoneScanFindings));
    }
}
