using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using static Imaging.Analysis.Tests.Spine.Comparison.SpineComparerTests;

namespace Imaging.Analysis.Tests.Spine.Comparison;

/// <summary>Which stored spine findings a comparison uses, and what happens to the rest.</summary>
public sealed class SpinePriorSelectorTests
{
    private static PriorFindings Stored(SpineFindings findings, string analyzer = "spine") =>
        new(findings.StudyInstanceUid!, findings.SeriesInstanceUid!, findings.SeriesDate, analyzer, "0.1",
            JsonSerializer.Serialize(findings, SpineJsonContext.Default.SpineFindings));

    private static SpineFindings Dated(string series, int month, string modality = "CT") =>
        Document(series, new DateOnly(2026, month, 1), Level("L1"), Level("L2")) with { Modality = modality };

    [Fact]
    public void The_most_recent_earlier_study_of_the_same_modality_is_chosen()
    {
        var history = new PatientHistory(
        [
            Stored(Dated("jan", 1)),
            Stored(Dated("mar", 3)),
            Stored(Dated("apr-mr", 4, "MR")),
            Stored(Dated("jul-later", 7)),
            Stored(Dated("may-same-study", 5) with { StudyInstanceUid = "1.2.3.current" }),
            Stored(Dated("jun-other-analyzer", 6), "bone-scan"),
        ]);

        var (prior, notes) = SpinePriorSelector.Select(history, "1.2.3.current", new DateOnly(2026, 6, 15), "CT");
        var (forMr, _) = SpinePriorSelector.Select(history, "1.2.3.current", new DateOnly(2026, 6, 15), "MR");

        Assert.Equal("1.2.3.mar", prior!.StudyInstanceUid);
        Assert.Empty(notes);
        Assert.Equal("1.2.3.apr-mr", forMr!.StudyInstanceUid);
    }

    [Fact]
    public void Another_modality_is_used_when_there_is_no_prior_of_the_same()
    {
        var (prior, _) = SpinePriorSelector.Select(new PatientHistory([Stored(Dated("mr", 2, "MR"))]), "1.2.3.current", new DateOnly(2026, 6, 15), "CT");

        Assert.Equal("MR", prior!.Modality);
    }

    [Fact]
    public void The_index_date_stands_in_for_a_missing_series_date()
    {
        var undated = Document("undated", null, Level("L1"));
        var entry = Stored(undated) with { StudyDate = new DateOnly(2026, 2, 2) };

        var (prior, _) = SpinePriorSelector.Select(new PatientHistory([entry]), "1.2.3.current", new DateOnly(2026, 6, 15), "CT");

        Assert.Equal(new DateOnly(2026, 2, 2), prior!.SeriesDate);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"analyzer\":\"spine\"}")]
    [InlineData("{\"analyzer\":\"spine\",\"analyzerVersion\":\"0.1\",\"modality\":\"CT\",\"method\":\"ct-classical\",\"labelConfidence\":\"high\",\"vertebrae\":null}")]
    [InlineData("{\"analyzer\":\"spine\",\"analyzerVersion\":\"0.1\",\"modality\":\"CT\",\"method\":\"ct-classical\",\"labelConfidence\":\"high\",\"vertebrae\":[null]}")]
    [InlineData("{\"analyzer\":\"spine\",\"analyzerVersion\":\"0.1\",\"modality\":\"CT\",\"method\":\"ct-classical\",\"labelConfidence\":\"high\",\"vertebrae\":[{\"level\":\"L1\",\"anteriorHeightMm\":1,\"middleHeightMm\":1,\"posteriorHeightMm\":1,\"referenceHeightMm\":1,\"heightLossPercent\":0,\"genantGrade\":9,\"fractureType\":\"none\",\"cement\":false,\"volumeMl\":1,\"centroidMm\":[0,0,0]}]}")]
    public void Unreadable_payloads_are_skipped_with_a_note(string payload)
    {
        var entry = new PriorFindings("1.2.3.bad", "1.2.3.bad.1", new DateOnly(2026, 1, 1), "spine", "0.1", payload);

        var (prior, notes) = SpinePriorSelector.Select(new PatientHistory([entry, Stored(Dated("good", 2))]), "1.2.3.current", new DateOnly(2026, 6, 15), "CT");

        Assert.Equal("1.2.3.good", prior!.StudyInstanceUid);
        Assert.Equal(["Prior spine findings of series 1.2.3.bad.1 could not be read and were not compared."], notes);
    }

    [Fact]
    public void More_levels_than_a_spine_has_are_not_compared()
    {
        var many = Document("many", new DateOnly(2026, 1, 1), [.. Enumerable.Range(0, 41).Select(i => Level("X" + i))]);

        Assert.Null(SpinePriorSelector.TryParse(JsonSerializer.Serialize(many, SpineJsonContext.Default.SpineFindings)));
    }

    [Fact]
    public void Comparing_with_a_history_fills_the_comparison_and_notes_unreadable_priors()
    {
        var current = Document("current", new DateOnly(2026, 6, 15), Level("L1", 18, 2), Level("L2"));
        var bad = new PriorFindings("1.2.3.bad", "1.2.3.bad.1", new DateOnly(2026, 1, 1), "spine", "0.1", "{");
        var history = new PatientHistory([bad, Stored(Dated("mar", 3))]);

        var compared = new SpineAnalyzer().CompareWithHistory(current, history);
        var alone = new SpineAnalyzer().CompareWithHistory(current, new PatientHistory([bad]));

        Assert.Equal("1.2.3.mar", compared.Comparison!.PriorStudyInstanceUid);
        Assert.Equal(106, compared.Comparison.IntervalDays);
        Assert.Equal(["L1"], compared.Comparison.NewFractureLevels);
        Assert.Contains("Prior spine findings of series 1.2.3.bad.1 could not be read and were not compared.", compared.Comparison.Notes);
        Assert.Null(alone.Comparison);
        Assert.Equal(SpineComparer.PriorUnreadable, Assert.Single(alone.Warnings).Code);
        Assert.All(alone.Vertebrae, v => Assert.Equal(SpineTracking.DeriveUid(current.SeriesInstanceUid, v.Level), v.TrackingUid));
    }
}
