using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Analysis.Spine.Volume;

/// <summary>Issue 7, step 1: a CT series becomes one HU volume. Slices (single-frame images or frames of multi-frame ones)
/// are decoded through the caller's codec registry, rescaled to HU, sorted by Image Position (Patient) projected on the
/// normal of Image Orientation (Patient), checked (gaps, duplicates, uneven spacing, tilt, mixed orientation or matrix,
/// missing rescale: structured warnings), and resampled to isotropic voxels keeping the voxel → patient affine.</summary>
public static class CtVolumeLoader
{
    /// <summary>Loads <paramref name="input"/>'s instances in any order. Unusable slices become warnings; throws
    /// <see cref="CtVolumeException"/> when nothing usable is left or the volume would exceed the options' limits.</summary>
    public static async ValueTask<CtVolume> LoadAsync(SeriesInput input, PixelCodecRegistry? codecs = null, CtVolumeLoaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new CtVolumeLoaderOptions();
        if (!(options.IsotropicSpacingMm >= 0.1 && options.IsotropicSpacingMm <= 20))
            throw new ArgumentOutOfRangeException(nameof(options), options.IsotropicSpacingMm, "IsotropicSpacingMm must be between 0.1 and 20 mm.");
        if (options.MaximumVoxels < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaximumVoxels, "MaximumVoxels must be positive.");

        var warnings = new List<VolumeWarning>();
        var isCt = string.Equals(input.Metadata.Modality, "CT", StringComparison.OrdinalIgnoreCase);
        var store = new SliceStore(ExpectedValues(input, options));
        var budget = new VoxelBudget(options.MaximumVoxels);
        var results = new InstanceResult[input.Instances.Count];

        // Parsing the Part 10 bytes is the largest share of the work: files are read and decoded on every core; the
        // results are gathered in input order, so warnings and the chosen duplicates do not depend on the timing.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (index, token) =>
        {
            var instance = input.Instances[index];
            var result = new InstanceResult();
            results[index] = result;
            FileBytes read;
            try
            {
                read = await ReadAsync(instance.File, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or DicomFormatException or UnauthorizedAccessException or InvalidDataException or PixelDataException)
            {
                result.Unreadable.Add((NameOf(instance), e.Message));
                return;
            }
            using (read) AddSlices(read, instance, codecs, store, budget, result, isCt);
        }).ConfigureAwait(false);

        var slices = results.SelectMany(r => r.Slices).ToList();
        var unreadable = results.SelectMany(r => r.Unreadable).ToList();
        var missingRescale = results.SelectMany(r => r.MissingRescale).ToList();
        var notHounsfield = results.SelectMany(r => r.NotHounsfield).Distinct().ToList();
        if (unreadable.Count > 0)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.UnreadableSlice,
                $"{unreadable.Count} slice(s) left out: {string.Join("; ", unreadable.Take(3).Select(u => $"{u.Name}: {u.Reason}"))}",
                unreadable.Select(u => u.Name).Distinct().ToArray()));
        if (missingRescale.Count > 0)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.MissingRescale,
                $"{missingRescale.Count} CT slice(s) have no Rescale Slope/Intercept; stored values are taken as HU", missingRescale));
        if (notHounsfield.Count > 0)
            warnings.Add(new VolumeWarning(VolumeWarningCodes.NotHounsfield,
                $"{notHounsfield.Count} CT slice(s) have a Rescale Type other than HU", notHounsfield));
        if (slices.Count == 0)
            throw new CtVolumeException(unreadable.Count > 0
                ? $"No usable slice in the series: {unreadable[0].Name}: {unreadable[0].Reason}"
                : "The series has no image with pixel data");

        var stack = SliceStack.Arrange(slices, options, warnings);
        cancellationToken.ThrowIfCancellationRequested();
        return options.Resample
            ? VolumeResampler.Resample(stack, options, budget.Used, warnings, input.Metadata.SeriesInstanceUid, cancellationToken)
            : VolumeResampler.Native(stack, warnings, input.Metadata.SeriesInstanceUid);
    }

    /// <summary>What one instance gave: its slices and what was wrong with it.</summary>
    private sealed class InstanceResult
    {
        public List<SourceSlice> Slices { get; } = [];
        public List<(string Name, string Reason)> Unreadable { get; } = [];
        public List<string> MissingRescale { get; } = [];
        public List<string> NotHounsfield { get; } = [];
    }

    /// <summary>Voxels decoded so far, shared by the readers; going over the limit stops the load.</summary>
    private sealed class VoxelBudget(long maximum)
    {
        private long _used;

        public long Used => Interlocked.Read(ref _used);

        public void Take(long voxels)
        {
            if (Interlocked.Add(ref _used, voxels) > maximum)
                throw new CtVolumeException($"The series' slices hold more than {maximum} voxels (MaximumVoxels)");
        }

        /// <summary>Gives back what a slice that then failed to decode took.</summary>
        public void Return(long voxels) => Interlocked.Add(ref _used, -voxels);
    }

    /// <summary>A parsed instance and, when it came from a file, all of that file's bytes in a pooled array: its native
    /// pixel data (deferred by the reader to the file) is copied from there instead of being read from disk a second time.</summary>
    private sealed class FileBytes(DicomFile file, string? path, byte[]? bytes, int length) : IDisposable
    {
        private byte[]? _bytes = bytes;

        public DicomFile File { get; } = file;

        /// <summary>The file's bytes at the offsets the reader deferred <paramref name="range"/> to; empty when not held.</summary>
        public ReadOnlySpan<byte> Range(FileRangeBuffer range, long offset, int count)
        {
            if (_bytes is null || path is null || !string.Equals(range.Path, path, StringComparison.Ordinal) || range.SwapUnit > 1
                || offset < 0 || count < 0 || offset + count > range.Length || range.Offset < 0 || range.Offset + offset + count > length)
                return [];
            return _bytes.AsSpan(checked((int)(range.Offset + offset)), count);
        }

        public void Dispose()
        {
            if (_bytes is not null) ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = null;
        }
    }

    private static async Task<FileBytes> ReadAsync(InstanceFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        if (file.Path is not null && stream.CanSeek && stream.Position == 0 && stream.Length <= Array.MaxLength)
        {
            // One read of the whole file into a pooled array: no per-file large-object allocation, and the pixel data
            // the reader leaves on disk (sourcePath) is taken from these bytes.
            var length = (int)stream.Length;
            var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            try
            {
                await stream.ReadExactlyAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                var parsed = DicomFileReader.Read(new MemoryStream(bytes, 0, length, writable: false), sourcePath: file.Path);
                return new FileBytes(parsed, file.Path, bytes, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(bytes);
                throw;
            }
        }
        var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : 0);
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return new FileBytes(DicomFileReader.Read(buffer, sourcePath: file.Path), null, null, 0);
    }

    private static void AddSlices(FileBytes read, SeriesInstance instance, PixelCodecRegistry? codecs, SliceStore store, VoxelBudget budget,
        InstanceResult result, bool isCt)
    {
        var file = read.File;
        var name = NameOf(instance);
        var unreadable = result.Unreadable;
        DicomPixelData pixels;
        try
        {
            pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        }
        catch (PixelDataException e)
        {
            unreadable.Add((name, e.Message));
            return;
        }
        var d = pixels.Description;
        if (d.SamplesPerPixel != 1 || d.BitsAllocated == 1)
        {
            unreadable.Add((name, $"{d.SamplesPerPixel} sample(s) of {d.BitsAllocated} bits per pixel is not a grey-scale CT image"));
            return;
        }
        if (isCt && !HasRescale(file.Dataset)) result.MissingRescale.Add(name);
        var pixelCount = checked((int)d.PixelCount);
        var frameLength = checked((int)d.FrameLength);
        // Decoded 16-bit containers already hold the value when it is signed (sign-extended) or fills all 16 bits: those
        // are decoded straight into the slice block. Other layouts go through the sample reader's masking; up to 16 bits
        // they still fit the block, wider ones are rescaled to HU at once.
        var direct = d.BitsAllocated == 16 && d.HighBit == d.BitsStored - 1 && (d.IsSigned || d.BitsStored == 16) && frameLength == pixelCount * 2;
        var narrow = d.BitsStored <= 16;
        var reader = direct ? null : new PixelSampleReader(d);
        var raw = direct ? null : ArrayPool<byte>.Shared.Rent(frameLength);
        var samples = direct ? null : ArrayPool<int>.Shared.Rent(pixelCount);
        try
        {
            for (var frame = 0; frame < pixels.FrameCount; frame++)
            {
                var metadata = pixels.GetFrameMetadata(frame);
                if (metadata.ImagePositionPatient is not { Length: 3 } position || metadata.ImageOrientationPatient is not { Length: 6 } orientation
                    || metadata.PixelSpacing is not { Length: 2 } spacing)
                {
                    unreadable.Add((name, $"frame {frame + 1} has no Image Position/Orientation (Patient) or Pixel Spacing"));
                    continue;
                }
                if (!(spacing[0] > 0 && spacing[1] > 0 && spacing[0] < 100 && spacing[1] < 100) || !Finite(position) || !Finite(orientation))
                {
                    unreadable.Add((name, $"frame {frame + 1} has an unusable position, orientation or pixel spacing"));
                    continue;
                }
                if (!(metadata.RescaleSlope is > -1e6 and < 1e6 && metadata.RescaleSlope != 0 && Math.Abs(metadata.RescaleIntercept) < 1e7))
                {
                    unreadable.Add((name, $"frame {frame + 1} has an unusable rescale ({metadata.RescaleSlope.ToString(CultureInfo.InvariantCulture)}, {metadata.RescaleIntercept.ToString(CultureInfo.InvariantCulture)})"));
                    continue;
                }
                if (isCt && metadata.RescaleType is { } type && !string.Equals(type.Trim(), "HU", StringComparison.OrdinalIgnoreCase))
                    result.NotHounsfield.Add(name);
                var slope = (float)metadata.RescaleSlope;
                var intercept = (float)metadata.RescaleIntercept;
                budget.Take(pixelCount);
                short[]? stored = null;
                float[]? values = null;
                int offset;
                try
                {
                    if (direct)
                    {
                        (stored, offset) = store.Allocate(pixelCount);
                        var target = MemoryMarshal.AsBytes(stored.AsSpan(offset, pixelCount));
                        var held = !pixels.IsEncapsulated && file.Dataset.GetElement(DicomTags.PixelData)?.Buffer is FileRangeBuffer range
                            ? read.Range(range, (long)frame * frameLength, frameLength) : [];
                        if (held.Length == frameLength)
                        {
                            // What DecodeFrame does for native data (copy, sign-extend), from the bytes already in memory.
                            held.CopyTo(target);
                            PixelSampleReader.SignExtendInPlace(target, d);
                        }
                        else
                        {
                            pixels.DecodeFrame(frame, target, codecs);
                        }
                    }
                    else
                    {
                        pixels.DecodeFrame(frame, raw.AsSpan(0, frameLength), codecs);
                        reader!.ReadSamples(raw.AsSpan(0, frameLength), 0, samples.AsSpan(0, pixelCount));
                        if (narrow)
                        {
                            (stored, offset) = store.Allocate(pixelCount);
                            Narrow(samples.AsSpan(0, pixelCount), stored.AsSpan(offset, pixelCount));
                        }
                        else
                        {
                            (values, offset) = (new float[pixelCount], 0);
                            for (var i = 0; i < pixelCount; i++) values[i] = samples![i] * slope + intercept;
                        }
                    }
                }
                catch (PixelDataException e)
                {
                    budget.Return(pixelCount);
                    unreadable.Add((name, $"frame {frame + 1}: {e.Message}"));
                    continue;
                }
                result.Slices.Add(new SourceSlice
                {
                    Instance = name,
                    InstanceNumber = (int)(instance.Metadata.InstanceNumber ?? 0),
                    Frame = frame,
                    Position = position,
                    Orientation = orientation,
                    RowSpacing = spacing[0],
                    ColumnSpacing = spacing[1],
                    Rows = d.Rows,
                    Columns = d.Columns,
                    Thickness = metadata.SliceThickness,
                    Stored = stored,
                    Values = values,
                    Offset = offset,
                    Unsigned = !d.IsSigned,
                    Slope = values is null ? slope : 1,
                    Intercept = values is null ? intercept : 0,
                });
            }
        }
        finally
        {
            if (raw is not null) ArrayPool<byte>.Shared.Return(raw);
            if (samples is not null) ArrayPool<int>.Shared.Return(samples);
        }
    }

    /// <summary>Samples of at most 16 bits kept as their 16-bit pattern (unsigned ones are read back as ushort).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(ReadOnlySpan<int> samples, Span<short> stored)
    {
        for (var i = 0; i < samples.Length; i++) stored[i] = unchecked((short)samples[i]);
    }

    /// <summary>Values the headers announce (rows × columns × frames); more than the limit is refused before decoding.</summary>
    private static long ExpectedValues(SeriesInput input, CtVolumeLoaderOptions options)
    {
        long total = 0;
        foreach (var instance in input.Instances)
        {
            var m = instance.Metadata;
            if (m.Rows is not > 0 || m.Columns is not > 0) continue;
            try
            {
                total = checked(total + checked((long)m.Rows.Value * m.Columns.Value * Math.Max(1, m.Frames)));
            }
            catch (OverflowException)
            {
                throw new CtVolumeException($"The series' headers announce more than {long.MaxValue} voxels");
            }
        }
        if (total > options.MaximumVoxels)
            throw new CtVolumeException($"The series' headers announce {total} voxels, more than MaximumVoxels ({options.MaximumVoxels})");
        return total;
    }

    /// <summary>Warnings name slices by SOP Instance UID, which survives copying the files elsewhere.</summary>
    private static string NameOf(SeriesInstance instance) =>
        string.IsNullOrEmpty(instance.Metadata.SopInstanceUid) ? instance.File.Name : instance.Metadata.SopInstanceUid;

    private static bool Finite(double[] values) => values.All(double.IsFinite);

    /// <summary>Rescale present at the top level (classic images) or in a functional group (enhanced images).</summary>
    private static bool HasRescale(DicomDataset ds)
    {
        if (ds.Contains(DicomTags.RescaleIntercept) || ds.Contains(DicomTags.RescaleSlope)) return true;
        if (ds.GetSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared
            && shared.Items[0].GetSequence(DicomTags.PixelValueTransformationSequence) is { Items.Count: > 0 }) return true;
        return ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence) is { Items.Count: > 0 } perFrame
            && perFrame.Items[0].GetSequence(DicomTags.PixelValueTransformationSequence) is { Items.Count: > 0 };
    }
}
