using System.Globalization;
using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine;

/// <summary>Sagittal MR through the spine analyzer (routing, loader, MR body finder, shared measurer and grader): levels,
/// heights against the phantom's truth, grades and flagged levels, on T1 and T2 with fractures and marrow oedema.</summary>
public sealed class SpineMrAnalysisTests(ITestOutputHelper output)
{
    private const double HeightToleranceMm = 2;

    /// <summary>T11–S1 in view, 11 sagittal slices, 300 × 240 pixels of 1 mm (the MR finder's own test geometry).</summary>
    private static SpineMrPhantomOptions Fractured(SpineMrContrast contrast) => new()
    {
        Contrast = contrast,
        FirstLevel = "T11",
        LastLevel = "S1",
        Rows = 300,
        Columns = 240,
        PixelSpacingMm = 1.0,
        Slices = 11,
        Fractures = [new SpineFracture("T12", VertebralFractureType.Crush, 30), new SpineFracture("L1", VertebralFractureType.Wedge, 35),
            new SpineFracture("L3", VertebralFractureType.Biconcave, 30)],
        // An oedematous crush at the top of a T2 view reads its anterior rim low (Spine/Mr/README.md, weak points).
        OedemaLevels = contrast == SpineMrContrast.T1 ? ["T12", "L1"] : ["L1"],
    };

    private async Task<(SpineMrStudy Study, SpineFindings Findings, JsonElement Json)> AnalyseAsync(SpineMrPhantomOptions options)
    {
        var study = SpineMrPhantom.Generate(options);
        var input = PhantomSeries.Input(study.Instances);
        var analyzer = new SpineAnalyzer();
        Assert.True(analyzer.Accepts(input.Metadata), input.Metadata.Content.Reason);
        var payload = (await analyzer.AnalyzeAsync(input, CancellationToken.None)).PayloadJson;
        var findings = JsonSerializer.Deserialize(payload, SpineJsonContext.Default.SpineFindings)!;
        foreach (var w in findings.Warnings) output.WriteLine($"{w.Code}: {w.Message}");
        return (study, findings, JsonDocument.Parse(payload).RootElement);
    }

    [Theory]
    [InlineData(SpineMrContrast.T1)]
    [InlineData(SpineMrContrast.T2)]
    public async Task Fractured_mr_spine_is_measured_graded_and_flagged_like_the_truth(SpineMrContrast contrast)
    {
        var (study, findings, json) = await AnalyseAsync(Fractured(contrast));

        Assert.Equal("MR", json.GetProperty("modality").GetString());
        Assert.Equal("mr-classical", json.GetProperty("method").GetString());
        Assert.Equal("high", findings.LabelConfidence);
        Assert.Equal(study.GroundTruth.SeriesInstanceUid, findings.SourceSeriesInstanceUid);
        Assert.DoesNotContain(findings.Warnings, w => w.Code is "not-hounsfield" or "missing-rescale");
        foreach (var t in study.GroundTruth.Vertebrae) output.WriteLine($"truth {t.Level} {t.FieldOfView}");
        var truth = study.GroundTruth.Vertebrae.Where(v => v.Level != "S1").ToList();
        // Every level in view is found and named, except that the most cranial body is only labelled with a disc above it.
        var expected = findings.Vertebrae.Count == truth.Count ? truth : truth[1..];
        Assert.Equal(expected.Select(t => t.Level), findings.Vertebrae.Select(v => v.Level));
        foreach (var t in expected)
        {
            var v = findings.Vertebrae.Single(f => f.Level == t.Level);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Level}: A {v.AnteriorHeightMm - t.AnteriorHeightMm:+0.0;-0.0} M {v.MiddleHeightMm - t.MiddleHeightMm:+0.0;-0.0} P {v.PosteriorHeightMm - t.PosteriorHeightMm:+0.0;-0.0} mm; loss {v.HeightLossPercent:0.0}% (truth {t.HeightLossPercent:0.0}%), grade {v.GenantGrade} (truth {t.GenantGrade}), {v.FractureType} (truth {t.FractureType})"));
        }
        foreach (var t in expected)
        {
            var v = findings.Vertebrae.Single(f => f.Level == t.Level);
            Assert.InRange(v.AnteriorHeightMm, t.AnteriorHeightMm - HeightToleranceMm, t.AnteriorHeightMm + HeightToleranceMm);
            Assert.InRange(v.MiddleHeightMm, t.MiddleHeightMm - HeightToleranceMm, t.MiddleHeightMm + HeightToleranceMm);
            Assert.InRange(v.PosteriorHeightMm, t.PosteriorHeightMm - HeightToleranceMm, t.PosteriorHeightMm + HeightToleranceMm);
            Assert.True(t.GenantGrade == v.GenantGrade, $"{t.Level}: grade {v.GenantGrade}, truth {t.GenantGrade} ({v.HeightLossPercent}% vs {t.HeightLossPercent:F1}%)");
            Assert.False(v.Cement);
        }
        Assert.Equal(expected.Where(t => t.GenantGrade >= 1).Select(t => t.Level), findings.FlaggedLevels);
    }

    [Fact]
    public async Task Mr_series_of_unknown_weighting_is_read_both_ways_and_warned()
    {
        // TE 45 ms and a description without T1/T2: the classifier cannot tell; the T2 reading finds the anchored spine.
        var options = Fractured(SpineMrContrast.T2) with
        {
            Fractures = [], OedemaLevels = [], RepetitionTimeMs = 2500, EchoTimeMs = 45, SeriesDescription = "SAG LSPINE",
        };
        var (study, findings, _) = await AnalyseAsync(options);

        Assert.Contains(findings.Warnings, w => w.Code == SpineWarningCodes.MrWeightingUnknown && w.Message.Contains("T2", StringComparison.Ordinal));
        Assert.Equal("high", findings.LabelConfidence);
        Assert.Equal(["L1", "L2", "L3", "L4", "L5"], findings.Vertebrae.Select(v => v.Level).ToArray()[^5..]);
        Assert.Empty(findings.FlaggedLevels);
        Assert.Equal(study.GroundTruth.SeriesInstanceUid, findings.SeriesInstanceUid);
    }

    [Fact]
    public void Axial_or_non_spine_mr_series_are_not_accepted()
    {
        var study = SpineMrPhantom.Generate(Fractured(SpineMrContrast.T2) with { Fractures = [], OedemaLevels = [], Slices = 3 });
        var metadata = PhantomSeries.Input(study.Instances).Metadata;
        var analyzer = new SpineAnalyzer();
        Assert.True(analyzer.Accepts(metadata));

        var axial = metadata with { CrossSectional = metadata.CrossSectional! with { Normal = [0.0, 0.0, 1.0] } };
        Assert.False(analyzer.Accepts(axial));
        var brain = metadata with { Content = new Routing.SeriesClassification(Routing.SeriesContentKind.Other, "MR without spine in body part or descriptions") };
        Assert.False(analyzer.Accepts(brain));
    }
}
