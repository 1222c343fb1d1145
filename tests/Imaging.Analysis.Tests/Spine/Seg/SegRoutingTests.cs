using Imaging.Analysis.Spine;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;

namespace Imaging.Analysis.Tests.Spine.Seg;

/// <summary>The spine analyzer takes a SEG series only when one of its segments names a vertebral level, read from the
/// Segment Sequence the metadata extractor gathers.</summary>
public sealed class SegRoutingTests
{
    private static readonly Lazy<SpineCtStudy> Study = new(() => SpineCtPhantom.Generate(PhantomSeries.Small with { Lesions = [] }));

    [Fact]
    public void Vertebra_seg_is_accepted_and_its_segments_reach_the_metadata()
    {
        var metadata = PhantomSeries.Input([SpineSegWriter.Build(Study.Value)]).Metadata;

        Assert.True(new SpineAnalyzer().Accepts(metadata));
        var labels = metadata.Segments!.Select(s => s.Label).ToList();
        Assert.Equal(["T9", "T10", "T11"], labels.Intersect(["T9", "T10", "T11"]));
        Assert.All(labels, l => Assert.Contains(l, Study.Value.GroundTruth.Vertebrae.Select(v => v.Level)));
        Assert.All(metadata.Segments!, s => Assert.NotNull(s.Number));
    }

    [Fact]
    public void Totalsegmentator_style_whole_vertebra_labels_are_accepted()
    {
        var metadata = PhantomSeries.Input([SpineSegWriter.Build(Study.Value, new SpineSegOptions { LabelPrefix = "vertebrae_", UidPurpose = "ts" })]).Metadata;

        Assert.True(new SpineAnalyzer().Accepts(metadata));
    }

    [Fact]
    public void Liver_seg_gets_no_spine_analysis()
    {
        var seg = SpineSegWriter.Build(Study.Value, new SpineSegOptions { UidPurpose = "liver" });
        foreach (var segment in seg.Dataset.GetSequence(DicomTags.SegmentSequence)!.Items)
        {
            segment.SetString(DicomTags.SegmentLabel, DicomVR.LO, "Liver");
            segment.Remove(DicomTags.SegmentDescription);
            foreach (var code in segment.GetSequence(DicomTags.SegmentedPropertyTypeCodeSequence)?.Items ?? [])
                code.SetString(DicomTags.CodeMeaning, DicomVR.LO, "Liver");
        }
        var metadata = PhantomSeries.Input([seg]).Metadata;

        Assert.Equal("SEG", metadata.Modality);
        Assert.All(metadata.Segments!, s => Assert.Equal("Liver", s.Label));
        Assert.False(new SpineAnalyzer().Accepts(metadata));
    }

    [Fact]
    public void Seg_without_a_segment_sequence_is_not_accepted()
    {
        var seg = SpineSegWriter.Build(Study.Value, new SpineSegOptions { UidPurpose = "empty" });
        seg.Dataset.Remove(DicomTags.SegmentSequence);
        var metadata = PhantomSeries.Input([seg]).Metadata;

        Assert.Empty(metadata.Segments!);
        Assert.False(new SpineAnalyzer().Accepts(metadata));
    }

    [Fact]
    public void Ct_series_has_no_segments()
    {
        var metadata = PhantomSeries.Input(Study.Value.Instances.Take(2)).Metadata;

        Assert.Null(metadata.Segments);
    }
}
