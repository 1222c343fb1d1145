using System.Text.Json;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Ct;
using Imaging.Analysis.Spine.Lesions;
using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Dicom.Imaging;
using Xunit.Abstractions;

namespace Imaging.Analysis.Tests.Spine.Lesions;

public sealed class SpineLesionTests(SpineLesionCases cases, ITestOutputHelper output) : IClassFixture<SpineLesionCases>
{
    /// <summary>Measured volumes came out 4–6 % below the truth (the half-level edge of a blurred sphere lies slightly inside
    /// it); 15 % leaves room for other seeds without hiding a threshold-edge error (+34 % blastic before the half level).</summary>
    private const double VolumeTolerance = 0.15;

    [Fact]
    public async Task Lytic_and_blastic_lesions_are_found_at_their_levels_and_nowhere_else()
    {
        var c = await cases.Lesions;
        Report(c);
        var expected = new Dictionary<string, string> { ["L1"] = LesionTypes.Lytic, ["L2"] = LesionTypes.Lytic, ["L4"] = LesionTypes.Blastic };
        Assert.Equal(["T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"], c.Findings.Vertebrae.Select(v => v.Level));
        foreach (var v in c.Findings.Vertebrae)
        {
            var truth = c.Study.GroundTruth.Vertebrae.Single(t => t.Level == v.Level);
            Assert.Equal(truth.Lesion, expected.GetValueOrDefault(v.Level, LesionTypes.None));
            Assert.Equal(expected.GetValueOrDefault(v.Level, LesionTypes.None), v.LesionType);
            if (v.LesionType == LesionTypes.None)
            {
                Assert.Equal(0, v.LyticVolumeMl);
                Assert.Equal(0, v.BlasticVolumeMl);
                Assert.Equal(0, v.LesionInvolvedFraction);
            }
        }
    }

    [Fact]
    public async Task Phantom_lesion_truth_is_the_spheres_volume_when_it_lies_wholly_in_trabecular_bone()
    {
        var c = await cases.Lesions;
        var l2 = c.Study.GroundTruth.Vertebrae.Single(t => t.Level == "L2");
        Assert.InRange(l2.LesionVolumeMl, 0.995 * 4 / 3.0 * Math.PI * 0.343, 1.005 * 4 / 3.0 * Math.PI * 0.343);
        Assert.All(c.Study.GroundTruth.Vertebrae.Where(t => t.Lesion == "none"), t => Assert.Equal(0, t.LesionVolumeMl));
    }

    [Fact]
    public async Task The_cemented_body_keeps_its_cement_and_shows_no_blastic_lesion()
    {
        var c = await cases.Lesions;
        var t12 = c.Findings.Vertebrae.Single(v => v.Level == "T12");
        Assert.True(t12.Cement);
        Assert.Equal(LesionTypes.None, t12.LesionType);
        Assert.Equal(0, t12.BlasticVolumeMl);
        Assert.Null(t12.Sins);
    }

    [Fact]
    public async Task Lesion_volumes_are_within_tolerance_of_the_truth()
    {
        var c = await cases.Lesions;
        foreach (var t in c.Study.GroundTruth.Vertebrae.Where(t => t.Lesion != "none"))
        {
            var v = c.Findings.Vertebrae.Single(f => f.Level == t.Level);
            var measured = t.Lesion == "lytic" ? v.LyticVolumeMl!.Value : v.BlasticVolumeMl!.Value;
            var error = measured / t.LesionVolumeMl - 1;
            output.WriteLine($"{t.Level} {t.Lesion}: {measured:F3} ml, truth {t.LesionVolumeMl:F3} ml, error {100 * error:+0.0;-0.0} %, body fraction {v.LesionInvolvedFraction}");
            Assert.True(Math.Abs(error) <= VolumeTolerance, $"{t.Level}: {measured:F3} ml vs truth {t.LesionVolumeMl:F3} ml");
            Assert.InRange(v.LesionInvolvedFraction!.Value, 0.5 * measured / t.VolumeMl, 1.5 * measured / t.VolumeMl);
        }
    }

    [Fact]
    public async Task Sins_partial_components_are_exact_on_lesion_levels_and_absent_elsewhere()
    {
        var c = await cases.Lesions;
        var expected = new Dictionary<string, (int Location, int Quality, int Collapse)>
        {
            ["L1"] = (3, 2, 2), // thoracolumbar junction, lytic, 30 % wedge
            ["L2"] = (2, 2, 0), // mobile lumbar, lytic, intact
            ["L4"] = (2, 0, 0), // mobile lumbar, blastic, intact
        };
        foreach (var v in c.Findings.Vertebrae)
        {
            if (!expected.TryGetValue(v.Level, out var e))
            {
                Assert.Null(v.Sins);
                continue;
            }
            var sins = Assert.IsType<SinsPartial>(v.Sins);
            Assert.Equal(e, (sins.Location, sins.LesionQuality, sins.Collapse));
            Assert.Equal(e.Location + e.Quality + e.Collapse, sins.PartialScore);
            Assert.True(sins.Partial);
            Assert.Equal(["pain", "alignment", "posterolateral-involvement"], sins.Missing);
        }
    }

    [Fact]
    public async Task A_lytic_lesion_does_not_cut_the_heights_of_its_body()
    {
        var c = await cases.Lesions;
        foreach (var level in new[] { "L1", "L2" })
        {
            var v = c.Findings.Vertebrae.Single(f => f.Level == level);
            var t = c.Study.GroundTruth.Vertebrae.Single(f => f.Level == level);
            Assert.InRange(v.AnteriorHeightMm, t.AnteriorHeightMm - 1.5, t.AnteriorHeightMm + 1.5);
            Assert.InRange(v.MiddleHeightMm, t.MiddleHeightMm - 1.5, t.MiddleHeightMm + 1.5);
            Assert.InRange(v.PosteriorHeightMm, t.PosteriorHeightMm - 1.5, t.PosteriorHeightMm + 1.5);
            Assert.Equal(t.GenantGrade, v.GenantGrade);
        }
    }

    [Fact]
    public async Task Findings_json_carries_the_lesion_fields_and_sins_marked_partial()
    {
        var c = await cases.Lesions;
        using var doc = JsonDocument.Parse(c.Json);
        var levels = doc.RootElement.GetProperty("vertebrae").EnumerateArray().ToDictionary(v => v.GetProperty("level").GetString()!);
        var l1 = levels["L1"];
        Assert.Equal("lytic", l1.GetProperty("lesionType").GetString());
        Assert.True(l1.GetProperty("lyticVolumeMl").GetDouble() > 0);
        Assert.Equal(0, l1.GetProperty("blasticVolumeMl").GetDouble());
        var sins = l1.GetProperty("sins");
        Assert.Equal(3, sins.GetProperty("location").GetInt32());
        Assert.Equal(2, sins.GetProperty("lesionQuality").GetInt32());
        Assert.Equal(2, sins.GetProperty("collapse").GetInt32());
        Assert.Equal(7, sins.GetProperty("partialScore").GetInt32());
        Assert.True(sins.GetProperty("partial").GetBoolean());
        Assert.Equal(["pain", "alignment", "posterolateral-involvement"], sins.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("none", levels["L3"].GetProperty("lesionType").GetString());
        Assert.False(levels["L3"].TryGetProperty("sins", out _));
    }

    [Fact]
    public async Task The_trabecular_reference_is_the_patients_own_bone_not_the_lesions()
    {
        var c = await cases.Lesions;
        var input = PhantomSeries.Input(c.Study.Instances);
        var volume = await CtVolumeLoader.LoadAsync(input, PixelCodecRegistry.Default, new CtVolumeLoaderOptions(), CancellationToken.None);
        var found = CtBodyFinder.Find(volume, SpineAnalysisOptions.Default, CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var labels = LabelHoleFiller.Fill(found.Labels!);
        var filling = watch.Elapsed;
        var (reference, lesions) = SpineLesionFinder.Find(volume, labels, c.Findings.Vertebrae.Select(v => v.Level));
        Assert.NotNull(reference);
        output.WriteLine($"reference median {reference.MedianHu:F1} HU, MAD {reference.MadHu:F1} HU over {reference.Voxels} voxels; " +
            $"hole filling {filling.TotalMilliseconds:F0} ms, lesions {(watch.Elapsed - filling).TotalMilliseconds:F0} ms on {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}");
        Assert.InRange(reference.MedianHu, SpineLesionCases.Options.TrabecularBoneHu - 10, SpineLesionCases.Options.TrabecularBoneHu + 10);
        // The 100 HU default thresholds must stay far outside the noise: over 5 robust standard deviations (1.4826 MAD).
        Assert.True(SpineLesionOptions.Default.LyticBelowReferenceHu > 5 * 1.4826 * reference.MadHu);
        Assert.Equal(c.Findings.Vertebrae.Select(v => v.LesionType), lesions.Select(l => l.LesionType));
    }

    private void Report(SpineCtCases.Case c)
    {
        foreach (var v in c.Findings.Vertebrae)
        {
            var t = c.Study.GroundTruth.Vertebrae.Single(x => x.Level == v.Level);
            output.WriteLine($"{v.Level}: {v.LesionType} lytic {v.LyticVolumeMl} ml blastic {v.BlasticVolumeMl} ml fraction {v.LesionInvolvedFraction} " +
                $"loss {v.HeightLossPercent:F1} % cement {v.Cement} sins {v.Sins?.PartialScore} | truth {t.Lesion} {t.LesionVolumeMl} ml loss {t.HeightLossPercent} %");
        }
    }
}
