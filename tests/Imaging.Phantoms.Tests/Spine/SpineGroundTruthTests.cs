using System.Text.Json;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Phantoms.Tests.Spine;

public sealed class SpineGroundTruthTests(SpinePhantomFixture fixture) : IClassFixture<SpinePhantomFixture>
{
    private VertebraTruth Level(string name) => fixture.Noisy.GroundTruth.Vertebrae.Single(v => v.Level == name);

    [Fact]
    public void Wedge_fracture_loses_anterior_height_only_and_is_graded_moderate()
    {
        var t10 = Level("T10");
        Assert.Equal("wedge", t10.FractureType);
        Assert.Equal(t10.ReferenceHeightMm * 0.65, t10.AnteriorHeightMm, 2);
        Assert.Equal(t10.ReferenceHeightMm, t10.PosteriorHeightMm, 2);
        Assert.Equal(t10.ReferenceHeightMm * 0.825, t10.MiddleHeightMm, 2);
        Assert.Equal(35, t10.HeightLossPercent, 1);
        Assert.Equal(2, t10.GenantGrade);
    }

    [Fact]
    public void Biconcave_fracture_loses_middle_height_and_keeps_the_rims()
    {
        var t12 = Level("T12");
        Assert.Equal("biconcave", t12.FractureType);
        Assert.Equal(t12.ReferenceHeightMm * 0.78, t12.MiddleHeightMm, 2);
        Assert.Equal(t12.ReferenceHeightMm, t12.AnteriorHeightMm, 2);
        Assert.Equal(t12.ReferenceHeightMm, t12.PosteriorHeightMm, 2);
        Assert.Equal(1, t12.GenantGrade);
    }

    [Fact]
    public void Crush_fracture_lowers_all_three_heights_and_is_graded_severe()
    {
        var l2 = Level("L2");
        Assert.Equal("crush", l2.FractureType);
        Assert.All([l2.AnteriorHeightMm, l2.MiddleHeightMm, l2.PosteriorHeightMm], h => Assert.Equal(l2.ReferenceHeightMm * 0.55, h, 2));
        Assert.Equal(3, l2.GenantGrade);
    }

    [Fact]
    public void Flagged_levels_are_the_graded_fractures_and_normal_levels_keep_their_height()
    {
        var truth = fixture.Noisy.GroundTruth;
        Assert.Equal(["T10", "T12", "L2"], truth.FlaggedLevels);
        foreach (var v in truth.Vertebrae.Where(v => v.FractureType == "none"))
        {
            Assert.Equal(0, v.GenantGrade);
            Assert.Equal(v.ReferenceHeightMm, v.AnteriorHeightMm, 3);
            Assert.Equal(v.ReferenceHeightMm, v.MiddleHeightMm, 3);
        }
        Assert.True(Level("L1").Cement);
        Assert.Equal("lytic", Level("T11").Lesion);
        Assert.Equal("blastic", Level("L3").Lesion);
        Assert.False(Level("T9").Cement);
    }

    [Theory]
    [InlineData(19.99, 0)]
    [InlineData(20, 1)]
    [InlineData(24.99, 1)]
    [InlineData(25, 2)]
    [InlineData(40, 2)]
    [InlineData(40.01, 3)]
    public void Genant_grade_thresholds_follow_the_issue(double loss, int grade) => Assert.Equal(grade, GenantGrade.FromHeightLoss(loss));

    [Fact]
    public void Levels_in_view_run_cranial_to_caudal_with_ribs_on_thoracic_levels_only()
    {
        var levels = fixture.Noisy.GroundTruth.Vertebrae;
        var full = levels.Where(v => v.FieldOfView == "full").Select(v => v.Level).ToArray();
        Assert.Equal(["T9", "T10", "T11", "T12", "L1", "L2", "L3"], full);
        for (var i = 1; i < levels.Count; i++) Assert.True(levels[i].CentroidMm[2] < levels[i - 1].CentroidMm[2]);
        Assert.All(levels, v => Assert.Equal(v.Level.StartsWith('T'), v.Ribs));
    }

    [Fact]
    public void Vertebral_bodies_grow_from_c3_to_l5()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions { FirstLevel = "C3", LastLevel = "S1", Rows = 32, Columns = 32, PixelSpacingMm = 3, SliceSpacingMm = 5, SliceThicknessMm = 5 });
        var levels = study.GroundTruth.Vertebrae.Where(v => v.Level != "S1" && v.Level != "C3").ToList();
        Assert.Equal("C4", levels[0].Level);
        Assert.Equal("L5", levels[^1].Level);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i].ReferenceHeightMm >= levels[i - 1].ReferenceHeightMm - 0.6, $"{levels[i].Level} lower than {levels[i - 1].Level}");
            Assert.True(levels[i].VolumeMl >= levels[i - 1].VolumeMl - 0.5, $"{levels[i].Level} smaller than {levels[i - 1].Level}");
        }
        Assert.InRange(levels.Single(v => v.Level == "L3").ReferenceHeightMm, 25, 30);
        Assert.InRange(levels.Single(v => v.Level == "C5").ReferenceHeightMm, 12, 17);
    }

    [Fact]
    public void Curvature_tilts_the_bodies_kyphosis_backwards_at_mid_thorax_lordosis_forwards_at_l3()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions { Rows = 32, Columns = 32, PixelSpacingMm = 3, SliceSpacingMm = 5, SliceThicknessMm = 5 });
        var y = study.GroundTruth.Vertebrae.ToDictionary(v => v.Level, v => v.CentroidMm[1]);
        // Patient Y grows towards the back: the thoracic apex lies behind T1 and T12, the lumbar apex in front of L1 and S1.
        Assert.True(y["T7"] > y["T1"] + 10 && y["T7"] > y["T12"] + 10);
        Assert.True(y["L3"] < y["L1"] - 5 && y["L3"] < y["S1"] - 5);
        var t1 = study.GroundTruth.Vertebrae.Single(v => v.Level == "T1");
        var l5 = study.GroundTruth.Vertebrae.Single(v => v.Level == "L5");
        Assert.True(t1.Axis[1] < -0.1, "T1 leans forwards");
        Assert.True(l5.Axis[1] < -0.2, "L5 leans forwards (lordosis)");
        Assert.Equal(1, Math.Sqrt(t1.Axis.Sum(a => a * a)), 4);
    }

    [Fact]
    public void Transitional_variants_add_t13_with_ribs_or_l6()
    {
        var small = new SpineCtPhantomOptions { FirstLevel = "T11", LastLevel = "L2", Rows = 64, Columns = 64, PixelSpacingMm = 2, SliceSpacingMm = 3, SliceThicknessMm = 3 };
        var thirteen = SpineCtPhantom.Generate(small with { ThoracicVertebrae = 13 }).GroundTruth;
        Assert.True(thirteen.TransitionalAnatomy);
        Assert.Contains(thirteen.Vertebrae, v => v.Level == "T13" && v.Ribs);

        var six = SpineCtPhantom.Generate(small with { LumbarVertebrae = 6, FirstLevel = "L4", LastLevel = "S1" }).GroundTruth;
        Assert.True(six.TransitionalAnatomy);
        Assert.Contains(six.Vertebrae, v => v.Level == "L6" && !v.Ribs);
        Assert.False(SpineCtPhantom.Generate(small).GroundTruth.TransitionalAnatomy);
    }

    [Fact]
    public void End_plates_of_an_intact_body_lie_one_height_apart_along_its_axis()
    {
        var t9 = Level("T9");
        var d = Enumerable.Range(0, 3).Select(i => t9.SuperiorEndPlate.PointMm[i] - t9.InferiorEndPlate.PointMm[i]).ToArray();
        var along = d.Zip(t9.Axis, (a, b) => a * b).Sum();
        Assert.Equal(t9.PosteriorHeightMm, along, 1);
        Assert.Equal(1, t9.SuperiorEndPlate.Normal.Zip(t9.Axis, (a, b) => a * b).Sum(), 4);
        // A wedge tilts its plates towards each other in front.
        var t10 = Level("T10");
        Assert.True(t10.SuperiorEndPlate.Normal.Zip(t10.InferiorEndPlate.Normal, (a, b) => a * b).Sum() < 0.99);
    }

    [Fact]
    public void Ground_truth_json_is_camel_case_and_round_trips()
    {
        var json = fixture.Noisy.GroundTruthJson();
        Assert.Contains("\"anteriorHeightMm\"", json, StringComparison.Ordinal);
        Assert.Contains("\"genantGrade\": 3", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, SpineJsonContext.Default.SpineCtGroundTruth)!;
        Assert.Equal(fixture.Noisy.GroundTruth.FlaggedLevels, back.FlaggedLevels);
        Assert.Equal(fixture.Noisy.GroundTruth.Vertebrae.Count, back.Vertebrae.Count);
    }

    [Fact]
    public void Options_outside_the_model_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions { Fractures = [new SpineFracture("T13", VertebralFractureType.Wedge, 30)] }));
        Assert.Throws<ArgumentException>(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions { FirstLevel = "L1", LastLevel = "T5" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions { Fractures = [new SpineFracture("T5", VertebralFractureType.Crush, 95)] }));
        Assert.Throws<ArgumentException>(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions { Rows = 1024, Columns = 1024, SliceSpacingMm = 0.3 }));
    }
}
