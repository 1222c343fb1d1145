using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;

namespace Imaging.Phantoms.Tests.Spine;

public sealed class SpineAnalysisCompatibilityTests
{
    private static readonly SpineCtPhantomOptions Small = new()
    {
        FirstLevel = "L1", LastLevel = "L2", Rows = 64, Columns = 64, PixelSpacingMm = 2, NoiseSigmaHu = 0,
    };

    private static SeriesMetadata Extract(SpineCtStudy study) =>
        SeriesMetadataExtractor.Extract(study.Instances.Select((file, i) =>
        {
            using var buffer = new MemoryStream();
            DicomFileWriter.Write(buffer, file);
            var bytes = buffer.ToArray();
            return InstanceFile.FromStream($"slice-{i}", () => new MemoryStream(bytes, writable: false));
        }), CancellationToken.None).Metadata;

    [Fact]
    public void The_metadata_extractor_routes_the_phantom_as_ct_spine_with_even_two_millimetre_slices()
    {
        var study = SpineCtPhantom.Generate(Small);
        var metadata = Extract(study);
        Assert.Equal(SeriesContentKind.CtSpine, metadata.Content.Kind);
        Assert.Empty(metadata.Problems);
        var geometry = metadata.CrossSectional!;
        Assert.Equal(study.GroundTruth.PlannedSlices, geometry.SliceCount);
        Assert.Equal(2, geometry.SliceSpacing);
        Assert.True(geometry.UniformSpacing);
        Assert.Empty(geometry.Gaps);
        Assert.Equal(0, geometry.DuplicatePositions);
    }

    [Fact]
    public void Dropped_and_duplicated_slices_show_in_the_series_geometry()
    {
        var study = SpineCtPhantom.Generate(Small with { DroppedSlices = [10, 11], DuplicatedSlices = [4] });
        var geometry = Extract(study).CrossSectional!;
        var gap = Assert.Single(geometry.Gaps);
        Assert.Equal(2, gap.MissingSlices);
        Assert.Equal(1, geometry.DuplicatePositions);
    }
}
