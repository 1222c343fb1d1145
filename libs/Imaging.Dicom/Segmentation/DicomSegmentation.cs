using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Segmentation;

/// <summary>A Segmentation instance (PS3.3 A.51, C.8.20): its segments, each frame's segment and plane, and the frames as
/// 0/1 masks. BINARY frames are 1-bit packed (PS3.5 8.1.1: first pixel in the least significant bit, frames following
/// each other without padding, so a frame may start mid-byte); FRACTIONAL frames are 8-bit and a pixel is inside when
/// its value reaches half of Maximum Fractional Value.</summary>
public sealed class DicomSegmentation
{
    /// <summary>More frames than this is refused before anything is allocated per frame.</summary>
    public const int MaximumFrames = 200_000;

    private readonly DicomPixelData _pixels;
    private readonly Dictionary<int, SegmentationSegment> _byNumber;

    private DicomSegmentation(DicomPixelData pixels, SegmentationType type, int maximumFractionalValue, IReadOnlyList<SegmentationSegment> segments,
        IReadOnlyList<SegmentationFrame> frames, string? frameOfReferenceUid, IReadOnlyList<string> referencedSeries, string? sopInstanceUid)
    {
        _pixels = pixels;
        Type = type;
        MaximumFractionalValue = maximumFractionalValue;
        Segments = segments;
        Frames = frames;
        FrameOfReferenceUid = frameOfReferenceUid;
        ReferencedSeriesInstanceUids = referencedSeries;
        SopInstanceUid = sopInstanceUid;
        _byNumber = segments.ToDictionary(s => s.Number);
    }

    public SegmentationType Type { get; }

    /// <summary>Maximum Fractional Value (0062,000E) for FRACTIONAL, 1 for BINARY.</summary>
    public int MaximumFractionalValue { get; }

    public int Rows => _pixels.Description.Rows;
    public int Columns => _pixels.Description.Columns;

    public IReadOnlyList<SegmentationSegment> Segments { get; }
    public IReadOnlyList<SegmentationFrame> Frames { get; }
    public string? FrameOfReferenceUid { get; }

    /// <summary>Series Instance UIDs of the Referenced Series Sequence (the images segmented).</summary>
    public IReadOnlyList<string> ReferencedSeriesInstanceUids { get; }

    public string? SopInstanceUid { get; }

    public SegmentationSegment Segment(int number) =>
        _byNumber.TryGetValue(number, out var s) ? s : throw new ArgumentOutOfRangeException(nameof(number), number, "No such segment.");

    /// <summary>Reads and checks a SEG data set. Throws <see cref="DicomSegmentationException"/> when the data set is no
    /// usable segmentation and <see cref="PixelDataException"/> when its Pixel Data is inconsistent with its header.</summary>
    public static DicomSegmentation Read(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        var typeText = dataset.GetSingleString(DicomTags.SegmentationType)?.Trim();
        var type = typeText switch
        {
            "BINARY" => SegmentationType.Binary,
            "FRACTIONAL" => SegmentationType.Fractional,
            null or "" => throw new DicomSegmentationException("Segmentation Type (0062,0001) is missing: not a Segmentation instance"),
            _ => throw new DicomSegmentationException($"Segmentation Type '{typeText}' is neither BINARY nor FRACTIONAL"),
        };

        // Frames are counted from the header before the pixel data is looked at, so a huge announced count is refused cheaply.
        var framesText = dataset.GetSingleString(DicomTags.NumberOfFrames)?.Trim();
        if (!int.TryParse(framesText, NumberStyles.None, CultureInfo.InvariantCulture, out var frameCount) || frameCount < 1)
            throw new DicomSegmentationException($"Number of Frames '{framesText}' is not a positive integer");
        if (frameCount > MaximumFrames)
            throw new DicomSegmentationException($"Number of Frames {frameCount} is more than {MaximumFrames}");

        var pixels = DicomPixelData.Create(dataset, syntax);
        var d = pixels.Description;
        if (d.SamplesPerPixel != 1) throw new PixelDataException($"A segmentation has 1 sample per pixel, not {d.SamplesPerPixel}");
        var expectedBits = type == SegmentationType.Binary ? 1 : 8;
        if (d.BitsAllocated != expectedBits || d.BitsStored != expectedBits)
            throw new PixelDataException($"A {typeText} segmentation has {expectedBits}-bit samples, not Bits Allocated {d.BitsAllocated} / Stored {d.BitsStored}");
        if (d.Rows < 1 || d.Columns < 1) throw new PixelDataException($"Frames of {d.Rows} × {d.Columns} pixels are empty");

        var maximum = 1;
        if (type == SegmentationType.Fractional)
        {
            var value = dataset.GetInteger(DicomTags.MaximumFractionalValue);
            if (value is not (>= 1 and <= 255))
                throw new DicomSegmentationException($"Maximum Fractional Value {value?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"} is not 1–255");
            maximum = (int)value.Value;
        }

        var segments = ReadSegments(dataset);
        var frames = ReadFrames(dataset, pixels, segments);
        var series = new List<string>();
        if (dataset.GetSequence(DicomTags.ReferencedSeriesSequence) is { } referenced)
            foreach (var item in referenced.Items)
                if (item.GetSingleString(DicomTags.SeriesInstanceUID)?.Trim() is { Length: > 0 } uid) series.Add(uid);
        return new DicomSegmentation(pixels, type, maximum, segments, frames, dataset.GetSingleString(DicomTags.FrameOfReferenceUID)?.Trim(), series,
            dataset.GetSingleString(DicomTags.SOPInstanceUID)?.Trim());
    }

    /// <summary>Reads a SEG from a Part 10 file.</summary>
    public static DicomSegmentation Read(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Read(file.Dataset, file.TransferSyntax);
    }

    /// <summary>Writes frame <paramref name="frame"/> as one byte per pixel (row by row), 1 inside the segment and 0 outside.
    /// <paramref name="codecs"/> decodes encapsulated Pixel Data (native needs none).</summary>
    public void GetFrameMask(int frame, Span<byte> mask, PixelCodecRegistry? codecs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames.Count);
        var pixelCount = checked(Rows * Columns);
        if (mask.Length < pixelCount) throw new ArgumentException($"The mask holds {mask.Length} bytes, a frame needs {pixelCount}", nameof(mask));
        var length = checked((int)_pixels.Description.FrameLength);
        var decoded = length <= 64 * 1024 ? stackalloc byte[length] : new byte[length];
        _pixels.DecodeFrame(frame, decoded, codecs);
        if (Type == SegmentationType.Binary)
        {
            for (var i = 0; i < pixelCount; i++) mask[i] = (byte)((decoded[i >> 3] >> (i & 7)) & 1);
            return;
        }
        // value / maximum ≥ 0.5, in integers.
        for (var i = 0; i < pixelCount; i++) mask[i] = (byte)(decoded[i] * 2 >= MaximumFractionalValue ? 1 : 0);
    }

    private static List<SegmentationSegment> ReadSegments(DicomDataset dataset)
    {
        var sequence = dataset.GetSequence(DicomTags.SegmentSequence);
        if (sequence is not { Items.Count: > 0 }) throw new DicomSegmentationException("Segment Sequence (0062,0002) is missing or empty");
        if (sequence.Items.Count > ushort.MaxValue) throw new DicomSegmentationException($"Segment Sequence has {sequence.Items.Count} items, more than 65535");
        var segments = new List<SegmentationSegment>(sequence.Items.Count);
        var numbers = new HashSet<int>();
        foreach (var item in sequence.Items)
        {
            var number = item.GetInteger(DicomTags.SegmentNumber);
            if (number is not (>= 1 and <= ushort.MaxValue))
                throw new DicomSegmentationException($"Segment Number {number?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"} is not 1–65535");
            if (!numbers.Add((int)number.Value)) throw new DicomSegmentationException($"Segment Number {number} appears twice");
            var modifiers = item.GetSequence(DicomTags.SegmentedPropertyTypeCodeSequence) is { Items.Count: > 0 } types
                && types.Items[0].GetSequence(DicomTags.SegmentedPropertyTypeModifierCodeSequence) is { } modifierSequence
                ? modifierSequence.Items.Select(Code).OfType<CodedConcept>().ToArray()
                : [];
            segments.Add(new SegmentationSegment(
                (int)number.Value,
                item.GetString(DicomTags.SegmentLabel)?.Trim() ?? "",
                item.GetString(DicomTags.SegmentDescription)?.Trim(),
                First(item, DicomTags.SegmentedPropertyCategoryCodeSequence),
                First(item, DicomTags.SegmentedPropertyTypeCodeSequence),
                modifiers,
                First(item, DicomTags.AnatomicRegionSequence),
                item.GetSingleString(DicomTags.SegmentAlgorithmType)?.Trim()));
        }
        return segments;
    }

    private static List<SegmentationFrame> ReadFrames(DicomDataset dataset, DicomPixelData pixels, List<SegmentationSegment> segments)
    {
        var count = pixels.FrameCount;
        var perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        if (perFrame is null || perFrame.Items.Count != count)
            throw new DicomSegmentationException(
                $"Per-frame Functional Groups Sequence has {perFrame?.Items.Count ?? 0} items for {count} frame(s)");
        var shared = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } s ? s.Items[0] : null;
        var numbers = segments.Select(x => x.Number).ToHashSet();
        var frames = new List<SegmentationFrame>(count);
        for (var f = 0; f < count; f++)
        {
            var own = perFrame.Items[f];
            var identification = Macro(own, shared, DicomTags.SegmentIdentificationSequence)
                ?? throw new DicomSegmentationException($"Frame {f + 1} has no Segment Identification Sequence");
            var number = identification.GetInteger(DicomTags.ReferencedSegmentNumber);
            if (number is null || !numbers.Contains((int)number.Value))
                throw new DicomSegmentationException($"Frame {f + 1} refers to segment {number?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}, which the Segment Sequence does not list");
            var metadata = pixels.GetFrameMetadata(f);
            if (metadata.ImagePositionPatient is not { Length: 3 } position || metadata.ImageOrientationPatient is not { Length: 6 } orientation
                || metadata.PixelSpacing is not { Length: 2 } spacing)
                throw new DicomSegmentationException($"Frame {f + 1} has no Plane Position, Plane Orientation or Pixel Measures");
            if (!position.All(double.IsFinite) || !orientation.All(double.IsFinite) || !(spacing[0] > 0 && spacing[1] > 0 && spacing[0] < 1000 && spacing[1] < 1000)
                || position.Any(v => Math.Abs(v) > 1e6))
                throw new DicomSegmentationException($"Frame {f + 1} has an unusable position, orientation or pixel spacing");
            CheckOrientation(orientation, f);
            var sources = new List<string>();
            if (own.GetSequence(DicomTags.DerivationImageSequence) is { } derivation)
                foreach (var item in derivation.Items)
                    if (item.GetSequence(DicomTags.SourceImageSequence) is { } source)
                        foreach (var image in source.Items)
                            if (image.GetSingleString(DicomTags.ReferencedSOPInstanceUID)?.Trim() is { Length: > 0 } uid) sources.Add(uid);
            frames.Add(new SegmentationFrame(f, (int)number.Value, position, orientation, spacing, metadata.SliceThickness, metadata.DimensionIndexValues, sources));
        }
        return frames;
    }

    private static void CheckOrientation(double[] o, int frame)
    {
        double row = o[0] * o[0] + o[1] * o[1] + o[2] * o[2];
        double column = o[3] * o[3] + o[4] * o[4] + o[5] * o[5];
        double dot = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        if (Math.Abs(row - 1) > 0.01 || Math.Abs(column - 1) > 0.01 || Math.Abs(dot) > 0.01)
            throw new DicomSegmentationException($"Frame {frame + 1}'s Image Orientation (Patient) is not two orthogonal unit vectors");
    }

    /// <summary>A functional group macro's first item, per-frame first, then shared (PS3.3 C.7.6.16).</summary>
    private static DicomDataset? Macro(DicomDataset own, DicomDataset? shared, DicomTag tag) =>
        own.GetSequence(tag) is { Items.Count: > 0 } mine ? mine.Items[0]
        : shared?.GetSequence(tag) is { Items.Count: > 0 } common ? common.Items[0] : null;

    private static CodedConcept? First(DicomDataset item, DicomTag tag) =>
        item.GetSequence(tag) is { Items.Count: > 0 } sequence ? Code(sequence.Items[0]) : null;

    private static CodedConcept? Code(DicomDataset item)
    {
        var value = item.GetSingleString(DicomTags.CodeValue)?.Trim();
        if (string.IsNullOrEmpty(value)) value = item.GetSingleString(DicomTags.LongCodeValue)?.Trim();
        if (string.IsNullOrEmpty(value)) value = item.GetSingleString(DicomTags.URNCodeValue)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        return new CodedConcept(value, item.GetSingleString(DicomTags.CodingSchemeDesignator)?.Trim() ?? "", item.GetString(DicomTags.CodeMeaning)?.Trim() ?? "");
    }
}
