using Imaging.Analysis.Spine.Volume;
using Imaging.Analysis.Tests.Support;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;

namespace Imaging.Analysis.Tests.Spine.Volume;

public sealed class RealCorpusVolumeTests
{
    private static SeriesInput Input(params string[] corpusFiles) =>
        Analysis.Metadata.SeriesMetadataExtractor.Extract(corpusFiles.Select(f => InstanceFile.FromPath(TestPaths.Corpus(f))), CancellationToken.None);

    [Fact]
    public async Task A_scanner_ct_slice_loads_in_hounsfield_units_at_its_own_position()
    {
        var volume = await CtVolumeLoader.LoadAsync(Input("ct_mr/CT_LCTSC_chest_TCIA.dcm"));
        Assert.Equal(1, volume.SizeZ);
        Assert.Contains(volume.Warnings, w => w.Code == VolumeWarningCodes.SingleSlice);
        var ds = DicomFileReader.Read(TestPaths.Corpus("ct_mr/CT_LCTSC_chest_TCIA.dcm")).Dataset;
        var position = ds.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
        var (x, y, z) = volume.VoxelToPatient(0, 0, 0);
        Assert.Equal(position, [Math.Round(x, 4), Math.Round(y, 4), Math.Round(z, 4)], new ToleranceComparer(1e-3));
        // Air around the chest, soft tissue and bone inside: a CT in HU, not stored values.
        Assert.InRange(volume.Voxels.Min(), -1100, -900);
        Assert.InRange(volume.Voxels.Max(), 300, 4000);
        var median = volume.Voxels.Order().ElementAt(volume.Voxels.Length / 2);
        Assert.InRange(median, -1100, 100);
    }

    [Fact]
    public async Task An_enhanced_multi_frame_ct_gives_one_slice_per_frame()
    {
        var volume = await CtVolumeLoader.LoadAsync(Input("ct_mr/CT_enhanced_eCT_Supplemental.dcm"));
        Assert.Equal(2, volume.SourceSlices);
        Assert.Equal(11, volume.SizeZ);
        Assert.DoesNotContain(volume.Warnings, w => w.Code == VolumeWarningCodes.MissingRescale);
    }

    [Fact]
    public async Task A_jpeg_ls_slice_without_its_codec_fails_naming_the_missing_decoder()
    {
        var error = await Assert.ThrowsAsync<CtVolumeException>(async () =>
            await CtVolumeLoader.LoadAsync(Input("ct_mr/CT_WG04_CT1_JLS_frag_noBOT.dcm"), new Dicom.Imaging.PixelCodecRegistry()));
        Assert.Contains("No decoder", error.Message, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
