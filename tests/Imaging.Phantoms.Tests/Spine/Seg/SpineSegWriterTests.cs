using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Segmentation;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;

namespace Imaging.Phantoms.Tests.Spine.Seg;

public sealed class SpineSegWriterTests
{
    private static readonly SpineCtStudy Study = SpineCtPhantom.Generate(new SpineCtPhantomOptions
    {
        FirstLevel = "T11",
        LastLevel = "L1",
        Rows = 128,
        Columns = 128,
        PixelSpacingMm = 1.2,
        NoiseSigmaHu = 0,
        BlurFwhmMm = 0,
    });

    public static TheoryData<bool> Variants => new() { false, true };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Written_seg_passes_dciodvfy_without_errors_and_dcmdump_reads_it(bool wholeVertebrae)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "seg.dcm");
        DicomFileWriter.Write(path, SpineSegWriter.Build(Study, new SpineSegOptions { WholeVertebrae = wholeVertebrae }));

        var verify = await ExternalTool.RunAsync("dciodvfy", path);
        var report = verify.StandardError + verify.StandardOutput;
        var errors = report.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, report);

        var dump = await ExternalTool.RunAsync("dcmdump", "+E", path);
        dump.EnsureSuccess("dcmdump");
        Assert.Contains("(0062,0001) CS [BINARY]", dump.StandardOutput);
        Assert.DoesNotContain("E:", dump.StandardError);
    }

    [Fact]
    public void One_segment_per_level_in_view_with_its_label_and_the_ct_frame_of_reference()
    {
        var file = SpineSegWriter.Build(Study, new SpineSegOptions { LabelPrefix = "vertebrae_" });
        var seg = DicomSegmentation.Read(file);
        Assert.Equal(Study.GroundTruth.Vertebrae.Select(v => "vertebrae_" + v.Level), seg.Segments.Select(s => s.Label));
        Assert.Equal(Study.GroundTruth.FrameOfReferenceUid, seg.FrameOfReferenceUid);
        Assert.Equal([Study.GroundTruth.SeriesInstanceUid], seg.ReferencedSeriesInstanceUids);
        Assert.All(seg.Frames, f => Assert.Single(f.SourceInstances));
        Assert.Equal("SEG", file.Dataset.GetString(DicomTags.Modality));
    }

    [Fact]
    public void Whole_vertebrae_hold_more_voxels_than_bodies_alone()
    {
        static long Count(DicomSegmentation seg)
        {
            var mask = new byte[seg.Rows * seg.Columns];
            long total = 0;
            for (var f = 0; f < seg.Frames.Count; f++)
            {
                seg.GetFrameMask(f, mask);
                foreach (var b in mask) total += b;
            }
            return total;
        }

        var bodies = Count(DicomSegmentation.Read(SpineSegWriter.Build(Study)));
        var whole = Count(DicomSegmentation.Read(SpineSegWriter.Build(Study, new SpineSegOptions { WholeVertebrae = true })));
        Assert.True(whole > bodies * 1.2, $"whole {whole}, bodies {bodies}");
    }
}
