using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Segmentation;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>What a SEG series says about the images it segments and the levels it holds, read before any image is loaded so
/// a SEG of another series or without vertebrae is turned away cheaply.</summary>
/// <param name="ReferencedSeriesInstanceUids">Referenced Series Sequence of every readable instance, in order, distinct.</param>
/// <param name="Levels">Vertebral levels named by the segments (<see cref="VertebraLevelNames"/>), in label order.</param>
/// <param name="Unreadable">Instances that are no readable SEG, with the reason.</param>
public sealed record SegReference(
    string? StudyInstanceUid,
    string? SeriesInstanceUid,
    string? FrameOfReferenceUid,
    IReadOnlyList<string> ReferencedSeriesInstanceUids,
    IReadOnlyList<string> Levels,
    IReadOnlyList<string> Unreadable)
{
    /// <summary>Reads every instance of <paramref name="files"/>; never throws for a damaged file (see <see cref="Unreadable"/>).</summary>
    public static async Task<SegReference> ReadAsync(IEnumerable<InstanceFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        string? study = null, series = null, frame = null;
        var referenced = new List<string>();
        var levels = new SortedSet<byte>();
        var unreadable = new List<string>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var part10 = await ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
                var seg = DicomSegmentation.Read(part10);
                study ??= Text(part10.Dataset, DicomTags.StudyInstanceUID);
                series ??= Text(part10.Dataset, DicomTags.SeriesInstanceUID);
                frame ??= seg.FrameOfReferenceUid;
                foreach (var uid in seg.ReferencedSeriesInstanceUids)
                    if (!referenced.Contains(uid)) referenced.Add(uid);
                foreach (var segment in seg.Segments)
                    if (VertebraLevelNames.Of(segment) is { } level) levels.Add(VertebraLevelNames.LabelOf(level));
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException
                or DicomSegmentationException or PixelDataException)
            {
                unreadable.Add($"{file.Name}: {e.Message}");
            }
        }
        return new SegReference(study, series, frame, referenced, [.. levels.Select(l => VertebraLevelNames.All[l - 1])], unreadable);
    }

    /// <summary>Why this SEG cannot label the image series <paramref name="seriesInstanceUid"/> of Frame of Reference
    /// <paramref name="frameOfReferenceUid"/>: no readable SEG, no vertebral level, or neither the series nor the frame
    /// referenced. Null when it can.</summary>
    public string? Refusal(string? seriesInstanceUid, string? frameOfReferenceUid)
    {
        if (Levels.Count == 0 && Unreadable.Count > 0 && ReferencedSeriesInstanceUids.Count == 0 && FrameOfReferenceUid is null)
            return $"no readable SEG ({Unreadable[0]})";
        if (Levels.Count == 0) return "the SEG has no vertebra segment (no segment names a level C1–S5)";
        var sameSeries = seriesInstanceUid is not null && ReferencedSeriesInstanceUids.Contains(seriesInstanceUid);
        var sameFrame = frameOfReferenceUid is not null && string.Equals(FrameOfReferenceUid, frameOfReferenceUid, StringComparison.Ordinal);
        if (sameSeries && !sameFrame)
            return $"the SEG references series {seriesInstanceUid} but its Frame of Reference {FrameOfReferenceUid ?? "(none)"} is not the series' {frameOfReferenceUid ?? "(none)"}";
        if (!sameSeries && !sameFrame)
            return $"the SEG references neither series {seriesInstanceUid ?? "(none)"} (it references {(ReferencedSeriesInstanceUids.Count == 0 ? "none" : string.Join(", ", ReferencedSeriesInstanceUids))}) nor its Frame of Reference {frameOfReferenceUid ?? "(none)"}";
        return null;
    }

    /// <summary>The Frame of Reference UID of the first readable instance of an image series; null when none says.</summary>
    public static string? FrameOfReferenceOf(SeriesInput images)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (var instance in images.Instances)
        {
            try
            {
                if (Text(instance.File.ReadHeader().Dataset, DicomTags.FrameOfReferenceUID) is { } uid) return uid;
            }
            catch (Exception e) when (e is IOException or DicomFormatException or InvalidDataException or UnauthorizedAccessException)
            {
                // The next instance may say it; the loader reports the unreadable one.
            }
        }
        return null;
    }

    private static string? Text(DicomDataset dataset, DicomTag tag) => dataset.GetSingleString(tag)?.Trim() is { Length: > 0 } text ? text : null;

    private static async Task<DicomFile> ReadFileAsync(InstanceFile file, CancellationToken cancellationToken)
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
