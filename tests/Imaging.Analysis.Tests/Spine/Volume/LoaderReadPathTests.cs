using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine.Volume;
using Imaging.Phantoms.Spine;

namespace Imaging.Analysis.Tests.Spine.Volume;

/// <summary>The loader's two ways in: files on disk (read once, native pixel data copied from the file's bytes) and streams
/// (parsed, pixel data through <c>DecodeFrame</c>) must build the same volume.</summary>
public sealed class LoaderReadPathTests
{
    [Fact]
    public async Task Files_on_disk_and_streams_load_the_same_volume_bit_for_bit()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { Rows = 96, Columns = 96 });
        var folder = Path.Combine(Path.GetTempPath(), $"spine-readpath-{Guid.NewGuid():N}");
        try
        {
            var paths = await study.WriteAsync(folder);
            var fromFiles = await CtVolumeLoader.LoadAsync(
                SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None));
            var fromStreams = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances));
            var native = await CtVolumeLoader.LoadAsync(PhantomSeries.Input(study.Instances), options: new CtVolumeLoaderOptions { Resample = false });
            var nativeFromFiles = await CtVolumeLoader.LoadAsync(
                SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None),
                options: new CtVolumeLoaderOptions { Resample = false });

            Assert.Empty(fromFiles.Warnings);
            Assert.Equal(fromStreams.Affine, fromFiles.Affine);
            Assert.True(fromStreams.Voxels.AsSpan().SequenceEqual(fromFiles.Voxels));
            Assert.True(native.Voxels.AsSpan().SequenceEqual(nativeFromFiles.Voxels));
            // The stored values come back as HU: the phantom's air outside the body and bone inside it.
            Assert.Contains(native.Voxels, v => v < -900);
            Assert.Contains(native.Voxels, v => v > 300);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_cut_inside_its_pixel_data_is_an_unreadable_slice_not_a_crash()
    {
        var study = SpineCtPhantom.Generate(PhantomSeries.Small with { Rows = 64, Columns = 64 });
        var folder = Path.Combine(Path.GetTempPath(), $"spine-readpath-{Guid.NewGuid():N}");
        try
        {
            var paths = await study.WriteAsync(folder);
            var bytes = await File.ReadAllBytesAsync(paths[3]);
            await File.WriteAllBytesAsync(paths[3], bytes[..(bytes.Length - 100)]);
            var volume = await CtVolumeLoader.LoadAsync(
                SeriesMetadataExtractor.Extract(paths.Select(p => InstanceFile.FromPath(p)), CancellationToken.None));
            Assert.Contains(volume.Warnings, w => w.Code == VolumeWarningCodes.UnreadableSlice);
            Assert.Equal(paths.Count - 1, volume.SourceSlices);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
