using System.Text.Json;
using Imaging.Phantoms;
using Imaging.Phantoms.Truth;

namespace Imaging.Phantoms.Tests;

public sealed class GroundTruthTests(PhantomFixture fixture) : IClassFixture<PhantomFixture>
{
    private static readonly string[] Regions =
        ["skull", "cervical-spine", "thoracic-spine", "lumbar-spine", "sacrum", "ribs", "sternum", "shoulder", "pelvis", "upper-limbs", "lower-limbs"];

    /// <summary>Climbs from a pixel to the local maximum of an image (8-neighbourhood).</summary>
    private static (int X, int Y) ClimbToMaximum(float[] image, int columns, int rows, int x, int y)
    {
        while (true)
        {
            var (bx, by) = (x, y);
            for (var dy = -1; dy <= 1; dy++)
                for (var dx = -1; dx <= 1; dx++)
                {
                    var nx = x + dx;
                    var ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
                    if (image[ny * columns + nx] > image[by * columns + bx]) (bx, by) = (nx, ny);
                }
            if ((bx, by) == (x, y)) return (x, y);
            (x, y) = (bx, by);
        }
    }

    [Fact]
    public void Every_lesion_peaks_within_two_pixels_of_its_ground_truth_in_the_views_that_show_it()
    {
        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 42,
            PoissonNoise = false,
            Lesions =
            [
                .. BoneScanPhantomOptions.DefaultLesions,
                new("A1", LesionPlacement.AtSite("C4"), 15, 2),
                new("A2", LesionPlacement.AtSite("sternum"), 15, 2.5, LesionViews.AnteriorOnly),
                new("A3", LesionPlacement.AtSite("left-rib-9-posterior"), 15, 2.5, LesionViews.PosteriorOnly),
                new("A4", LesionPlacement.AtSite("right-shoulder"), 20, 2),
                new("A5", LesionPlacement.AtSite("sacrum"), 20, 2, LesionViews.PosteriorOnly),
                new("A6", LesionPlacement.AtSite("right-humerus"), 15, 3),
                new("A7", LesionPlacement.AtBodyPoint(-60, 560), 15, 3),
            ],
        });
        var truth = study.GroundTruth;
        foreach (var view in new[] { PhantomView.Anterior, PhantomView.Posterior })
        {
            var image = study.ExpectedCounts(view);
            var name = view == PhantomView.Anterior ? "anterior" : "posterior";
            foreach (var lesion in truth.Lesions.Where(l => l.Views.Contains(name)))
            {
                var x = view == PhantomView.Anterior ? lesion.X : lesion.PosteriorX;
                var (px, py) = ClimbToMaximum(image, truth.Columns, truth.Rows, (int)Math.Round(x), (int)Math.Round(lesion.Y));
                var distance = Math.Sqrt((px - x) * (px - x) + (py - lesion.Y) * (py - lesion.Y));
                Assert.True(distance <= 2, $"{lesion.Id} ({lesion.Bone}) in {name}: local maximum at ({px}, {py}), truth ({x:0.0}, {lesion.Y:0.0})");
                var ratio = name == "anterior" ? lesion.PeakRatioAnterior : lesion.PeakRatioPosterior;
                Assert.True(ratio > 1.2, $"{lesion.Id} in {name} rises only {ratio} over its background");
            }
        }
        Assert.Equal("ribs", truth.Lesions.Single(l => l.Id == "A7").Region);
        Assert.Equal(["anterior"], truth.Lesions.Single(l => l.Id == "A2").Views);
        Assert.Null(truth.Lesions.Single(l => l.Id == "A2").PeakRatioPosterior);
    }

    [Fact]
    public void Lesions_are_named_with_the_issue_regions_and_default_sites_land_in_the_expected_ones()
    {
        var lesions = fixture.Noisy.GroundTruth.Lesions.ToDictionary(l => l.Id);
        Assert.All(lesions.Values, l => Assert.Contains(l.Region, Regions));
        Assert.Equal("thoracic-spine", lesions["L1"].Region);
        Assert.Equal("lumbar-spine", lesions["L2"].Region);
        Assert.Equal("ribs", lesions["L3"].Region);
        Assert.Equal("pelvis", lesions["L4"].Region);
        Assert.Equal("skull", lesions["L5"].Region);
        Assert.Equal("lower-limbs", lesions["L6"].Region);
        // The patient's right is on the image left in the anterior frame, on the right in the mirrored posterior frame.
        Assert.True(lesions["L3"].X < 127.5 && lesions["L3"].PosteriorX > 127.5);
        Assert.True(lesions["L4"].X > 127.5);
    }

    [Fact]
    public void Anchors_run_head_to_feet_with_the_patients_right_on_the_image_left()
    {
        var a = fixture.Noisy.GroundTruth.Anchors;
        Assert.True(a.HeadTop.Y < a.Neck.Y && a.Neck.Y < a.LeftShoulder.Y && a.LeftShoulder.Y < a.Pelvis.Y && a.Pelvis.Y < a.LeftKnee.Y && a.LeftKnee.Y < a.LeftAnkle.Y);
        Assert.True(a.RightShoulder.X < a.LeftShoulder.X && a.RightKnee.X < a.LeftKnee.X && a.RightHip.X < a.LeftHip.X);
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1"],
            a.Spine.Select(s => s.Level));
        Assert.All(a.Spine, s => Assert.Equal(127.5, s.X, 0.01));
        // A 1.75 m patient at 2.4 mm per pixel spans about 730 rows.
        Assert.InRange(a.LeftAnkle.Y - a.HeadTop.Y, 680, 700);
    }

    [Fact]
    public void Hot_structures_list_bladder_kidneys_injection_site_and_optional_extravasation_and_joints()
    {
        var study = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 8,
            InjectionSite = new InjectionSite { Extravasation = true },
            DegenerativeJoints = DegenerativeJoints.Knees | DegenerativeJoints.Shoulders,
        });
        var kinds = study.GroundTruth.HotStructures.GroupBy(h => h.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, kinds["bladder"]);
        Assert.Equal(2, kinds["kidney"]);
        Assert.Equal(1, kinds["injection-site"]);
        Assert.Equal(1, kinds["extravasation"]);
        Assert.Equal(4, kinds["degenerative-joint"]);
        var injection = study.GroundTruth.HotStructures.Single(h => h.Kind == "injection-site");
        Assert.True(injection.X < study.GroundTruth.Anchors.RightShoulder.X + 5, "injection in the right arm");
        var normal = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 8, InjectionSite = null, Kidneys = false });
        Assert.Equal(["bladder"], normal.GroundTruth.HotStructures.Select(h => h.Kind));
    }

    [Fact]
    public void Ground_truth_json_round_trips_with_camel_case_names()
    {
        var json = fixture.Noisy.GroundTruthJson();
        Assert.Contains("\"lesions\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"peakRatioAnterior\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"comparison\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, PhantomJsonContext.Default.BoneScanGroundTruth)!;
        Assert.Equal(fixture.Noisy.GroundTruth.Lesions, back.Lesions, (a, b) => a.Id == b.Id && a.X == b.X && a.Y == b.Y && a.Views.SequenceEqual(b.Views));
        Assert.Equal(fixture.Noisy.GroundTruth.StudyInstanceUid, back.StudyInstanceUid);
        Assert.Equal(2, back.Frames.Count);
        Assert.True(back.Frames[1].Mirrored);
    }
}
