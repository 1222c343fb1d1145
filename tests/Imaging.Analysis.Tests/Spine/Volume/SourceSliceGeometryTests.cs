using Imaging.Analysis.Spine.Volume;
using Imaging.Phantoms.Spine;

namespace Imaging.Analysis.Tests.Spine.Volume;

public sealed class SourceSliceGeometryTests
{
    private static readonly SpineCtStudy Study = SpineCtPhantom.Generate(PhantomSeries.Small);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Volume_reports_where_its_source_slices_lay_along_the_normal_and_their_thickness(bool resample)
    {
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(PhantomSeries.Shuffled(Study.Instances.Select(PhantomSeries.ToBytes), 5)),
            options: new CtVolumeLoaderOptions { Resample = resample });

        Assert.Equal(3, volume.SliceNormal.Count);
        Assert.Equal(1, Math.Sqrt(volume.SliceNormal.Sum(c => c * c)), 6);
        Assert.Equal(volume.SourceSlices, volume.SourceSliceDepthsMm.Count);
        for (var i = 1; i < volume.SourceSliceDepthsMm.Count; i++)
            Assert.Equal(PhantomSeries.Small.SliceSpacingMm, volume.SourceSliceDepthsMm[i] - volume.SourceSliceDepthsMm[i - 1], 3);
        Assert.Equal(PhantomSeries.Small.SliceThicknessMm, volume.SliceThicknessMm);

        // Both grids start on the first slice: voxel k = 0 lies at the first depth.
        var (x, y, z) = volume.VoxelToPatient(0, 0, 0);
        Assert.Equal(volume.SourceSliceDepthsMm[0], x * volume.SliceNormal[0] + y * volume.SliceNormal[1] + z * volume.SliceNormal[2], 3);
    }
}
