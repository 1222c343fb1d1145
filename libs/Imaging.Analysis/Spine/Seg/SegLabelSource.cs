using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Segmentation;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Issue 7's second input path: vertebral bodies from DICOM SEG instances made elsewhere (e.g. a deep-learning tool)
/// instead of the classical steps 2–4. Segments are mapped to levels by their labels or type meanings, painted onto the CT
/// volume's grid by nearest neighbour, whole vertebrae are cut down to their bodies, and the result is a
/// <see cref="VertebralBodyLabels"/> with Source <c>seg</c>. A SEG in another Frame of Reference is refused.</summary>
public static class SegLabelSource
{
    public const string Source = "seg";

    /// <summary>Reads the CT series' Frame of Reference from its first readable instance and the SEG files, then maps them
    /// (see <see cref="FromSegmentations"/>).</summary>
    public static async Task<SegLabelResult> LoadAsync(SeriesInput ct, CtVolume volume, IEnumerable<InstanceFile> segFiles,
        PixelCodecRegistry? codecs = null, SegLabelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ct);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(segFiles);
        string? frameOfReference = null;
        foreach (var instance in ct.Instances)
        {
            try
            {
                var file = await ReadAsync(instance.File, cancellationToken).ConfigureAwait(false);
                frameOfReference = file.Dataset.GetSingleString(DicomTags.FrameOfReferenceUID)?.Trim();
                if (!string.IsNullOrEmpty(frameOfReference)) break;
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException)
            {
                // The next instance may be readable; the loader already reported this one.
            }
        }

        var segs = new List<(string Name, DicomSegmentation? Seg, string? Error)>();
        foreach (var file in segFiles)
        {
            try
            {
                segs.Add((file.Name, DicomSegmentation.Read(await ReadAsync(file, cancellationToken).ConfigureAwait(false)), null));
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException
                or DicomSegmentationException or PixelDataException)
            {
                segs.Add((file.Name, null, e.Message));
            }
        }
        return Map(volume, frameOfReference, ct.Metadata.SeriesInstanceUid, segs, codecs, options ?? new SegLabelOptions(), cancellationToken);
    }

    /// <summary>Maps already-read SEGs onto <paramref name="volume"/>, whose series has <paramref name="frameOfReferenceUid"/>.
    /// Throws <see cref="SegLabelException"/> when no vertebral body is left.</summary>
    public static SegLabelResult FromSegmentations(CtVolume volume, string? frameOfReferenceUid, IEnumerable<DicomSegmentation> segmentations,
        PixelCodecRegistry? codecs = null, SegLabelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(segmentations);
        var segs = segmentations.Select(s => (s.SopInstanceUid ?? "SEG", (DicomSegmentation?)s, (string?)null)).ToList();
        return Map(volume, frameOfReferenceUid, volume.SeriesInstanceUid, segs, codecs, options ?? new SegLabelOptions(), cancellationToken);
    }

    private static SegLabelResult Map(CtVolume volume, string? frameOfReference, string? seriesUid, List<(string Name, DicomSegmentation? Seg, string? Error)> segs,
        PixelCodecRegistry? codecs, SegLabelOptions options, CancellationToken cancellationToken)
    {
        var warnings = new List<VolumeWarning>();
        var labels = new byte[checked((long)volume.SizeX * volume.SizeY * volume.SizeZ)];
        var levels = new Dictionary<byte, string>();
        var refusals = new List<string>();
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        long conflicts = 0;
        foreach (var (name, seg, error) in segs)
        {
            if (seg is null)
            {
                Refuse(SegWarningCodes.Unreadable, $"SEG {name} left out: {error}", name);
                continue;
            }
            if (string.IsNullOrEmpty(frameOfReference) || !string.Equals(seg.FrameOfReferenceUid, frameOfReference, StringComparison.Ordinal))
            {
                Refuse(SegWarningCodes.FrameOfReference,
                    $"SEG {name} left out: its Frame of Reference {seg.FrameOfReferenceUid ?? "(none)"} is not the CT's {frameOfReference ?? "(none)"}; its positions cannot be trusted on this CT", name);
                continue;
            }
            if (seriesUid is not null && seg.ReferencedSeriesInstanceUids.Count > 0 && !seg.ReferencedSeriesInstanceUids.Contains(seriesUid))
                warnings.Add(new VolumeWarning(SegWarningCodes.OtherSeries,
                    $"SEG {name} was made on series {seg.ReferencedSeriesInstanceUids[0]}, not {seriesUid}; used through the shared Frame of Reference", [name]));

            var bySegment = new Dictionary<int, byte>();
            var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var segment in seg.Segments)
            {
                var level = VertebraLevelNames.Of(segment);
                if (level is null)
                {
                    ignored.Add(string.IsNullOrEmpty(segment.Label) ? $"#{segment.Number}" : segment.Label);
                    continue;
                }
                if (claimed.TryGetValue(level, out var other))
                    warnings.Add(new VolumeWarning(SegWarningCodes.Overlap, $"SEG {name}: segments {other} and {segment.Number} are both {level}; merged", [name]));
                else claimed[level] = segment.Number;
                var value = VertebraLevelNames.LabelOf(level);
                bySegment[segment.Number] = value;
                levels[value] = level;
            }
            try
            {
                conflicts += SegRasteriser.Paint(seg, bySegment, volume, labels, options, codecs, cancellationToken);
            }
            catch (Exception e) when (e is DicomSegmentationException or PixelDataException or OverflowException)
            {
                Refuse(SegWarningCodes.Unreadable, $"SEG {name} left out: {e.Message}", name);
            }
        }
        if (ignored.Count > 0)
            warnings.Add(new VolumeWarning(SegWarningCodes.NotAVertebra, $"Segments naming no vertebral level ignored: {string.Join(", ", ignored.Take(10))}"));
        if (conflicts > 0)
            warnings.Add(new VolumeWarning(SegWarningCodes.Overlap, $"{conflicts} voxel(s) belong to two levels; the first SEG/segment painted keeps them"));

        var boxes = LabelBox.Measure(labels, volume.SizeX, volume.SizeY, volume.SizeZ);
        foreach (var (value, level) in levels.OrderBy(l => l.Key).ToList())
        {
            if (boxes.ContainsKey(value)) continue;
            warnings.Add(new VolumeWarning(SegWarningCodes.OutsideVolume, $"{level}'s segment does not reach the CT volume"));
            levels.Remove(value);
        }
        if (levels.Count == 0)
            throw new SegLabelException(refusals.Count > 0 ? refusals[0] : "The SEG input holds no vertebral level inside the CT volume");

        var partialLevels = new List<string>();
        if (options.ExtractBodies)
        {
            var cut = new List<string>();
            var partial = partialLevels;
            // A level touching the edge of the volume (often only by a spinous process) still gets its cut, but its centroid
            // could bend the spine's axis at its neighbour, so it is no neighbour. Whatever still touches the edge after the
            // cut is only partly in view: reported, not measurable.
            var inside = levels.Keys.Order().Where(value => !Touches(boxes[value], volume)).ToList();
            foreach (var value in levels.Keys.Order())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (BodyExtractor.Extract(labels, volume, value, boxes[value], Axis(volume, boxes, inside, value), options)) cut.Add(levels[value]);
            }
            var after = LabelBox.Measure(labels, volume.SizeX, volume.SizeY, volume.SizeZ);
            foreach (var value in levels.Keys.Order())
                if (after.TryGetValue(value, out var box) && Touches(box, volume)) partial.Add(levels[value]);
            cut.RemoveAll(partial.Contains);
            if (cut.Count > 0)
                warnings.Add(new VolumeWarning(SegWarningCodes.BodiesExtracted, $"Posterior elements cut off the whole-vertebra segments of {string.Join(", ", cut)}"));
            if (partial.Count > 0)
                warnings.Add(new VolumeWarning(SegWarningCodes.PartialLevel,
                    $"{string.Join(", ", partial)} reach the edge of the CT volume: only partly in view, not measurable"));
        }

        else
        {
            partialLevels.AddRange(levels.Keys.Order().Where(value => Touches(boxes[value], volume)).Select(value => levels[value]));
            if (partialLevels.Count > 0)
                warnings.Add(new VolumeWarning(SegWarningCodes.PartialLevel,
                    $"{string.Join(", ", partialLevels)} reach the edge of the CT volume: only partly in view, not measurable"));
        }

        var result = new VertebralBodyLabels(volume.SizeX, volume.SizeY, volume.SizeZ, labels, levels, Source);
        result.Validate();
        return new SegLabelResult(result, warnings) { PartialLevels = partialLevels };

        void Refuse(string code, string message, string name)
        {
            refusals.Add(message);
            warnings.Add(new VolumeWarning(code, message, [name]));
        }
    }

    /// <summary>Whether the level is cut by the field of view along the spine (a face of the volume across the head–foot axis):
    /// that takes height from it. A side or front face does not count: a sagittal MR slab is narrower than a lumbar body and
    /// cuts every level at its sides while the mid-sagittal heights stay whole.</summary>
    private static bool Touches(LabelBox box, CtVolume v) =>
        (AlongHeadFoot(v, 0) && (box.I0 == 0 || box.I1 == v.SizeX - 1))
        || (AlongHeadFoot(v, 1) && (box.J0 == 0 || box.J1 == v.SizeY - 1))
        || (AlongHeadFoot(v, 2) && (box.K0 == 0 || box.K1 == v.SizeZ - 1));

    /// <summary>Grid axis <paramref name="axis"/> within 45° of the patient's head–foot axis.</summary>
    private static bool AlongHeadFoot(CtVolume v, int axis) => Math.Abs(v.Affine[8 + axis]) / v.SpacingMm[axis] >= Math.Cos(Math.PI / 4);

    /// <summary>The spine's direction at a level, in patient mm: through the centroids of the nearest levels above and below
    /// among <paramref name="order"/> (the two nearest on one side at the ends); null when fewer than two are known.</summary>
    private static (double X, double Y, double Z)? Axis(CtVolume volume, Dictionary<byte, LabelBox> boxes, List<byte> order, byte value)
    {
        var aboveList = order.Where(v => v < value).ToList();
        var belowList = order.Where(v => v > value).ToList();
        byte? above = aboveList.Count > 0 ? aboveList[^1] : null;
        byte? below = belowList.Count > 0 ? belowList[0] : null;
        if (order.Contains(value))
        {
            above ??= value;
            below ??= value;
        }
        else if (above is null && belowList.Count >= 2) (above, below) = (belowList[0], belowList[1]);
        else if (below is null && aboveList.Count >= 2) (above, below) = (aboveList[^2], aboveList[^1]);
        if (above is not { } up || below is not { } down || up == down) return null;
        var a = Centroid(volume, boxes[up]);
        var b = Centroid(volume, boxes[down]);
        var d = (X: a.X - b.X, Y: a.Y - b.Y, Z: a.Z - b.Z);
        var length = Math.Sqrt(d.X * d.X + d.Y * d.Y + d.Z * d.Z);
        return length < 1e-6 ? null : (d.X / length, d.Y / length, d.Z / length);
    }

    private static (double X, double Y, double Z) Centroid(CtVolume volume, LabelBox box) =>
        volume.VoxelToPatient(box.SumI / box.Count, box.SumJ / box.Count, box.SumK / box.Count);

    private static async Task<DicomFile> ReadAsync(InstanceFile file, CancellationToken cancellationToken)
    {
        MemoryStream buffer;
        await using (var stream = file.OpenRead())
        {
            buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : 0);
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        buffer.Position = 0;
        return DicomFileReader.Read(buffer, sourcePath: file.Path);
    }
}
