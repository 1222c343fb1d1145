using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Seg;
using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Dicom.IO;
using Imaging.Dicom.Segmentation;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;

namespace Imaging.Analysis.Tests.Spine.Seg;

/// <summary>A thoracolumbar phantom (T11–L2, a wedge fracture at T12), its CT volume and SEGs written from its own solids.</summary>
public sealed class SegPhantomFixture : IAsyncLifetime
{
    public SpineCtStudy Study { get; } = SpineCtPhantom.Generate(new SpineCtPhantomOptions
    {
        FirstLevel = "T11",
        LastLevel = "L2",
        Rows = 128,
        Columns = 128,
        PixelSpacingMm = 1.2,
        NoiseSigmaHu = 0,
        BlurFwhmMm = 0,
        Fractures = [new SpineFracture("T12", VertebralFractureType.Wedge, 30)],
    });

    public CtVolume Volume { get; private set; } = null!;

    public async Task InitializeAsync() => Volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The SEG as a reader sees it: written to Part 10 bytes and read back.</summary>
    public DicomSegmentation Seg(SpineSegOptions options) =>
        DicomSegmentation.Read(DicomFileReader.Read(new MemoryStream(PhantomSeries.ToBytes(SpineSegWriter.Build(Study, options)))));
}

public sealed class SegLabelSourceTests(SegPhantomFixture fixture) : IClassFixture<SegPhantomFixture>
{
    private SpineCtStudy Study => fixture.Study;

    private SegLabelResult Labels(SpineSegOptions options, SegLabelOptions? labelOptions = null) =>
        SegLabelSource.FromSegmentations(fixture.Volume, Study.GroundTruth.FrameOfReferenceUid, [fixture.Seg(options)], options: labelOptions);

    private Dictionary<string, (double X, double Y, double Z, long Count)> Centroids(VertebralBodyLabels labels)
    {
        var sums = new Dictionary<byte, (double I, double J, double K, long N)>();
        long n = 0;
        for (var k = 0; k < labels.SizeZ; k++)
            for (var j = 0; j < labels.SizeY; j++)
                for (var i = 0; i < labels.SizeX; i++, n++)
                {
                    var value = labels.Labels[n];
                    if (value == 0) continue;
                    var s = sums.GetValueOrDefault(value);
                    sums[value] = (s.I + i, s.J + j, s.K + k, s.N + 1);
                }
        return sums.ToDictionary(s => labels.Levels[s.Key], s =>
        {
            var (x, y, z) = fixture.Volume.VoxelToPatient(s.Value.I / s.Value.N, s.Value.J / s.Value.N, s.Value.K / s.Value.N);
            return (x, y, z, s.Value.N);
        });
    }

    private void AssertCentroidsMatchTruth(VertebralBodyLabels labels)
    {
        var centroids = Centroids(labels);
        foreach (var truth in Study.GroundTruth.Vertebrae.Where(v => v.FieldOfView == "full"))
        {
            var c = centroids[truth.Level];
            var distance = Math.Sqrt(Math.Pow(c.X - truth.CentroidMm[0], 2) + Math.Pow(c.Y - truth.CentroidMm[1], 2) + Math.Pow(c.Z - truth.CentroidMm[2], 2));
            Assert.True(distance <= 2, $"{truth.Level}: centroid {c} is {distance:0.00} mm from the truth [{string.Join(", ", truth.CentroidMm)}]");
        }
    }

    [Fact]
    public void Body_seg_gives_every_level_in_view_with_centroids_within_2_mm_of_the_truth()
    {
        var result = Labels(new SpineSegOptions());
        Assert.Equal("seg", result.Labels.Source);
        Assert.Equal(Study.GroundTruth.Vertebrae.Select(v => v.Level).Order(), result.Labels.Levels.Values.Order());
        Assert.DoesNotContain(result.Warnings, w => w.Code == SegWarningCodes.BodiesExtracted);
        AssertCentroidsMatchTruth(result.Labels);
    }

    [Fact]
    public void Labels_in_the_deep_learning_style_map_to_the_same_levels()
    {
        var result = Labels(new SpineSegOptions { LabelPrefix = "vertebrae_" });
        Assert.Equal(Study.GroundTruth.Vertebrae.Select(v => v.Level).Order(), result.Labels.Levels.Values.Order());
    }

    [Fact]
    public void Whole_vertebra_seg_is_reduced_to_the_bodies()
    {
        var bodies = Labels(new SpineSegOptions()).Labels;
        var whole = Labels(new SpineSegOptions { WholeVertebrae = true, UidPurpose = "seg-whole" });
        Assert.Contains(whole.Warnings, w => w.Code == SegWarningCodes.BodiesExtracted);
        var raw = Labels(new SpineSegOptions { WholeVertebrae = true, UidPurpose = "seg-whole" }, new SegLabelOptions { ExtractBodies = false }).Labels;
        AssertCentroidsMatchTruth(whole.Labels);
        // Levels cut by the edge of the field of view keep whatever part of them is in view: only whole levels are compared.
        var full = Study.GroundTruth.Vertebrae.Where(v => v.FieldOfView == "full").Select(v => v.Level).ToHashSet();
        foreach (var (value, level) in bodies.Levels.Where(l => full.Contains(l.Value)))
        {
            long both = 0, inBodies = 0, inWhole = 0, inRaw = 0;
            for (long n = 0; n < bodies.Labels.LongLength; n++)
            {
                var a = bodies.Labels[n] == value;
                var b = whole.Labels.Labels[n] == value;
                if (a) inBodies++;
                if (b) inWhole++;
                if (a && b) both++;
                if (raw.Labels[n] == value) inRaw++;
            }
            var dice = 2.0 * both / (inBodies + inWhole);
            Assert.True(dice >= 0.95, $"{level}: Dice {dice:0.000} between the bodies and the reduced whole vertebra ({inBodies} vs {inWhole} voxels)");
            Assert.True(inRaw > inBodies * 1.2, $"{level}: the whole vertebra ({inRaw}) should be clearly larger than its body ({inBodies})");
        }
    }

    [Fact]
    public void Seg_in_another_frame_of_reference_is_refused()
    {
        var seg = fixture.Seg(new SpineSegOptions { FrameOfReferenceUid = "2.25.1234567890" });
        var error = Assert.Throws<SegLabelException>(() =>
            SegLabelSource.FromSegmentations(fixture.Volume, Study.GroundTruth.FrameOfReferenceUid, [seg]));
        Assert.Contains("Frame of Reference", error.Message);
    }

    [Fact]
    public async Task Files_of_the_ct_series_and_a_seg_give_labels_and_a_warning_for_an_unreadable_seg()
    {
        var ct = PhantomSeries.Input(Study.Instances);
        var bytes = PhantomSeries.ToBytes(SpineSegWriter.Build(Study));
        var files = new[]
        {
            InstanceFile.FromStream("seg.dcm", () => new MemoryStream(bytes, writable: false)),
            InstanceFile.FromStream("broken.dcm", () => new MemoryStream(bytes.AsSpan(0, bytes.Length / 3).ToArray(), writable: false)),
        };
        var result = await SegLabelSource.LoadAsync(ct, fixture.Volume, files);
        Assert.Equal(Study.GroundTruth.Vertebrae.Count, result.Labels.Levels.Count);
        Assert.Contains(result.Warnings, w => w.Code == SegWarningCodes.Unreadable && w.Instances.Contains("broken.dcm"));
    }

    [Fact]
    public void Seg_whose_masks_exceed_the_memory_limit_is_refused_before_decoding()
    {
        var seg = fixture.Seg(new SpineSegOptions());
        var error = Assert.Throws<SegLabelException>(() => SegLabelSource.FromSegmentations(fixture.Volume, Study.GroundTruth.FrameOfReferenceUid, [seg],
            options: new SegLabelOptions { MaximumMaskBytes = 1000 }));
        Assert.Contains("more than 1000 bytes", error.Message);
    }

    [Fact]
    public async Task Levels_outside_the_ct_volume_are_reported_and_the_rest_is_kept()
    {
        // A CT of T12–L1 only: the SEG of the larger study also has T11 and L2, partly or wholly outside.
        var narrow = SpineCtPhantom.Generate(Study.Options with { FirstLevel = "T12", LastLevel = "T12" });
        var bytes = narrow.Instances.Select(PhantomSeries.ToBytes);
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(bytes));
        var result = SegLabelSource.FromSegmentations(volume, narrow.GroundTruth.FrameOfReferenceUid, [fixture.Seg(new SpineSegOptions())]);
        Assert.Contains("T12", result.Labels.Levels.Values);
        Assert.Contains(result.Warnings, w => w.Code is SegWarningCodes.OutsideVolume or SegWarningCodes.PartialLevel);
    }

    [Theory]
    [InlineData("T5", "T5")]
    [InlineData("vertebrae_T5", "T5")]
    [InlineData("L1 vertebra", "L1")]
    [InlineData("Vertebra C5", "C5")]
    [InlineData("Fifth thoracic vertebra", "T5")]
    [InlineData("first lumbar vertebral body", "L1")]
    [InlineData("T13", "T13")]
    [InlineData("L6", "L6")]
    [InlineData("T14", null)]
    [InlineData("spinal_cord", null)]
    [InlineData("rib_left_5", null)]
    public void Level_names_are_read_from_free_text(string text, string? expected) => Assert.Equal(expected, VertebraLevelNames.Parse(text));
}
