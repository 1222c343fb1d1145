using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Truth;

namespace Imaging.Analysis.Tests.Spine.Volume;

public sealed class CtVolumeLoaderTests
{
    private static readonly SpineCtStudy Study = SpineCtPhantom.Generate(PhantomSeries.Small);

    private static VertebraTruth Level(SpineCtStudy study, string name) => study.GroundTruth.Vertebrae.Single(v => v.Level == name);

    [Fact]
    public async Task Loads_the_same_volume_whatever_the_file_order()
    {
        var bytes = Study.Instances.Select(PhantomSeries.ToBytes).ToList();
        var ordered = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(bytes));
        var shuffled = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(PhantomSeries.Shuffled(bytes, 11)));
        var reversed = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Enumerable.Reverse(bytes)));
        Assert.Empty(ordered.Warnings);
        Assert.Equal(ordered.Affine, shuffled.Affine);
        Assert.True(ordered.Voxels.AsSpan().SequenceEqual(shuffled.Voxels));
        Assert.True(ordered.Voxels.AsSpan().SequenceEqual(reversed.Voxels));
        Assert.Equal(Study.Instances.Count, ordered.SourceSlices);
    }

    [Fact]
    public async Task Resampled_volume_is_isotropic_and_its_affine_places_voxels_in_patient_space()
    {
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances));
        Assert.True(volume.Resampled);
        Assert.Equal([1.0, 1.0, 1.0], volume.SpacingMm.Select(s => Math.Round(s, 9)));
        var truth = Study.GroundTruth;
        var first = Study.Instances[0].Dataset.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
        var (x, y, z) = volume.VoxelToPatient(0, 0, 0);
        Assert.Equal(first[0], x, 6);
        Assert.Equal(first[1], y, 6);
        Assert.Equal(truth.BottomSliceZMm, z, 3);
        var extent = truth.TopSliceZMm - truth.BottomSliceZMm;
        Assert.Equal((int)Math.Floor(extent + 1e-6) + 1, volume.SizeZ);
        Assert.Equal((int)Math.Floor(127 * 1.2 + 1e-6) + 1, volume.SizeX);
        var (i, j, k) = volume.PatientToVoxel(10, 20, -30);
        var back = volume.VoxelToPatient(i, j, k);
        Assert.Equal((10.0, 20.0, -30.0), (Math.Round(back.X, 9), Math.Round(back.Y, 9), Math.Round(back.Z, 9)));
    }

    [Fact]
    public async Task Hu_values_after_resampling_are_the_phantom_values_at_known_points()
    {
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances));
        var native = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances), options: new CtVolumeLoaderOptions { Resample = false });
        Assert.False(native.Resampled);
        Assert.Equal([1.2, 1.2, 2.0], native.SpacingMm.Select(s => Math.Round(s, 6)));
        var t9 = Level(Study, "T9");
        var t10 = Level(Study, "T10");
        foreach (var v in new[] { volume, native })
        {
            Assert.InRange(Sample(v, t10.CentroidMm), 880, 900);                                                   // blastic lesion
            Assert.InRange(Sample(v, Lerp(t9.CentroidMm, t9.SuperiorEndPlate.PointMm, 0.4)), 195, 205);             // trabecular bone
            Assert.InRange(Sample(v, Lerp(t9.InferiorEndPlate.PointMm, t10.SuperiorEndPlate.PointMm, 0.5)), 70, 90); // disc
        }
        // Beyond the reconstructed field of view: the configured outside value.
        Assert.Equal(-1024, volume.SampleAtPatient(500, 0, t9.CentroidMm[2]));
    }

    [Fact]
    public async Task Missing_slices_are_reported_as_a_gap_and_interpolated_across()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { DroppedSlices = [20, 21, 22] });
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var gap = Assert.Single(volume.Warnings, w => w.Code == VolumeWarningCodes.SliceGap);
        Assert.Contains("about 3 missing", gap.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(volume.Warnings, w => w.Code == VolumeWarningCodes.NonUniformSpacing);
        Assert.Equal(study.GroundTruth.PlannedSlices - 3, volume.SourceSlices);
        // The volume still spans the whole table range.
        Assert.Equal((int)Math.Floor(study.GroundTruth.TopSliceZMm - study.GroundTruth.BottomSliceZMm + 1e-6) + 1, volume.SizeZ);
    }

    [Fact]
    public async Task Duplicated_slices_are_reported_and_used_once()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { DuplicatedSlices = [5, 17] });
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var duplicate = Assert.Single(volume.Warnings);
        Assert.Equal(VolumeWarningCodes.DuplicatePosition, duplicate.Code);
        Assert.Equal(2, duplicate.Instances.Count);
        Assert.Equal(study.GroundTruth.PlannedSlices, volume.SourceSlices);
    }

    [Fact]
    public async Task Gantry_tilt_is_warned_and_resampling_removes_the_shear()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { GantryTiltDegrees = 15 });
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
        var tilt = Assert.Single(volume.Warnings, w => w.Code == VolumeWarningCodes.GantryTilt);
        Assert.Contains("15°", tilt.Message, StringComparison.Ordinal);
        var t9 = Level(study, "T9");
        var t10 = Level(study, "T10");
        Assert.InRange(Sample(volume, t10.CentroidMm), 870, 900);
        Assert.InRange(Sample(volume, Lerp(t9.CentroidMm, t9.SuperiorEndPlate.PointMm, 0.4)), 190, 210);
        // The output grid is orthonormal even though the slices are stacked obliquely.
        var a = volume.Affine;
        Assert.Equal(0, a[1] * a[2] + a[5] * a[6] + a[9] * a[10], 9);
    }

    [Fact]
    public async Task A_slice_off_the_regular_grid_is_warned_as_non_uniform_spacing_and_placed_by_its_real_position()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { FirstLevel = "T10", LastLevel = "T10" });
        var files = study.Instances.ToList();
        var position = files[6].Dataset.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
        files[6].Dataset.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient, position[0], position[1], position[2] + 0.6));
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(files));
        var warning = Assert.Single(volume.Warnings);
        Assert.Equal(VolumeWarningCodes.NonUniformSpacing, warning.Code);
        Assert.Contains("2 step(s)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(files.Count, volume.SourceSlices);
    }

    [Fact]
    public async Task Non_orthogonal_row_and_column_directions_are_warned()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { FirstLevel = "T10", LastLevel = "T10" });
        var files = study.Instances.ToList();
        var (sin, cos) = Math.SinCos(3 * Math.PI / 180);
        foreach (var f in files) f.Dataset.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, sin, cos, 0));
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(files));
        var warning = Assert.Single(volume.Warnings);
        Assert.Equal(VolumeWarningCodes.NonOrthogonalOrientation, warning.Code);
        Assert.Contains("87°", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances), cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Slices_without_rescale_are_warned_and_taken_as_stored_values()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { FirstLevel = "T10", LastLevel = "T10" });
        var files = study.Instances.ToList();
        var changed = files[3].Dataset.GetSingleString(DicomTags.SOPInstanceUID)!;
        files[3].Dataset.Remove(DicomTags.RescaleIntercept);
        files[3].Dataset.Remove(DicomTags.RescaleSlope);
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(files), options: new CtVolumeLoaderOptions { Resample = false });
        var warning = Assert.Single(volume.Warnings);
        Assert.Equal(VolumeWarningCodes.MissingRescale, warning.Code);
        Assert.Equal([changed], warning.Instances);
    }

    [Fact]
    public async Task A_slice_in_another_orientation_or_matrix_is_left_out_with_a_warning()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { FirstLevel = "T10", LastLevel = "T10" });
        var files = study.Instances.ToList();
        files[0].Dataset.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient, 0, 1, 0, 0, 0, -1));
        files[1].Dataset.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, 0.9, 0.9));
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(files));
        Assert.Contains(volume.Warnings, w => w.Code == VolumeWarningCodes.MixedOrientation && w.Instances.Count == 1);
        Assert.Contains(volume.Warnings, w => w.Code == VolumeWarningCodes.MixedMatrix && w.Instances.Count == 1);
        Assert.Equal(files.Count - 2, volume.SourceSlices);
    }

    [Fact]
    public async Task Rle_compressed_series_decodes_through_the_registry_to_the_same_volume()
    {
        var transcoder = new DicomTranscoder(PixelCodecRegistry.Default);
        var rle = Study.Instances.Select(f => transcoder.Transcode(f, DicomTransferSyntax.RleLossless)).ToList();
        Assert.All(rle, f => Assert.Equal(DicomTransferSyntax.RleLossless, f.TransferSyntax));
        var plain = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances));
        var compressed = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(rle), PixelCodecRegistry.Default);
        Assert.True(plain.Voxels.AsSpan().SequenceEqual(compressed.Voxels));
    }

    [Fact]
    public async Task A_volume_over_the_voxel_limit_is_refused_before_it_is_allocated()
    {
        var error = await Assert.ThrowsAsync<CtVolumeException>(async () =>
            await CtVolumeLoader.LoadAsync(PhantomSeries.Input(Study.Instances), options: new CtVolumeLoaderOptions { MaximumVoxels = 500_000 }));
        Assert.Contains("MaximumVoxels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_announcing_a_huge_matrix_are_refused_before_anything_is_decoded()
    {
        var files = Study.Instances.Take(3).Select(PhantomSeries.ToBytes).Select(b => DicomFileReader.Read(new MemoryStream(b))).ToList();
        foreach (var f in files)
        {
            f.Dataset.SetValues(DicomTags.Rows, DicomVR.US, (ushort)65535);
            f.Dataset.SetValues(DicomTags.Columns, DicomVR.US, (ushort)65535);
        }
        var error = await Assert.ThrowsAsync<CtVolumeException>(async () => await CtVolumeLoader.LoadAsync(PhantomSeries.Input(files)));
        Assert.Contains("headers announce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_slices_are_left_out_with_a_warning_and_an_all_broken_series_fails_clearly()
    {
        var bytes = Study.Instances.Select(PhantomSeries.ToBytes).ToList();
        bytes[7] = bytes[7][..(bytes[7].Length / 2)];
        bytes[8] = bytes[8][..600];
        var volume = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(bytes));
        Assert.Contains(volume.Warnings, w => w.Code == VolumeWarningCodes.UnreadableSlice || w.Code == VolumeWarningCodes.SliceGap);
        Assert.Equal(bytes.Count - 2, volume.SourceSlices);

        var broken = bytes.Select(b => b[..(b.Length - 1000)]).Take(3).ToList();
        await Assert.ThrowsAsync<CtVolumeException>(async () => await CtVolumeLoader.LoadAsync(PhantomSeries.Input(broken)));
    }

    private static float Sample(CtVolume volume, double[] p) => volume.SampleAtPatient(p[0], p[1], p[2]);

    private static double[] Lerp(double[] a, double[] b, double t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
