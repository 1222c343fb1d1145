using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Reporting.Spine;

/// <summary>The analysed spine series as the report objects need it: each instance's identity and size (image library,
/// evidence), the Frame of Reference the centroids are in, and where each single-frame slice lies (to pick the slices
/// through flagged levels for the key object selection).</summary>
public sealed class SpineSourceSeries
{
    private readonly (double[] Position, double[] Normal)?[] _planes;

    private SpineSourceSeries(IReadOnlyList<DicomFile> files, IReadOnlyList<SourceImage> images, string? frameOfReferenceUid,
        (double[] Position, double[] Normal)?[] planes)
    {
        Files = files;
        Images = images;
        FrameOfReferenceUid = frameOfReferenceUid;
        _planes = planes;
    }

    /// <summary>The instances with pixel data, in the order given.</summary>
    public IReadOnlyList<DicomFile> Files { get; }

    /// <summary>The SR's view of each file (same order).</summary>
    public IReadOnlyList<SourceImage> Images { get; }

    /// <summary>Frame of Reference UID most instances share; null when none has a valid one (no SCOORD3D then).</summary>
    public string? FrameOfReferenceUid { get; }

    /// <summary>Keeps the image instances of <paramref name="files"/> (one study) and reads their identity and geometry.</summary>
    /// <exception cref="ArgumentException">No instance is an image with valid UIDs, or they belong to different studies.</exception>
    public static SpineSourceSeries Describe(IReadOnlyList<DicomFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var kept = new List<DicomFile>(files.Count);
        var images = new List<SourceImage>(files.Count);
        var planes = new List<(double[], double[])?>(files.Count);
        var frames = new Dictionary<string, int>(StringComparer.Ordinal);
        string? study = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file is null) continue;
            var ds = file.Dataset;
            var sopClass = ds.GetSingleString(DicomTag.SopClassUid);
            var sopInstance = ds.GetSingleString(DicomTag.SopInstanceUid);
            var series = ds.GetSingleString(DicomTags.SeriesInstanceUID);
            var studyUid = ds.GetSingleString(DicomTags.StudyInstanceUID);
            if (!DicomUidFactory.IsValid(sopClass) || !DicomUidFactory.IsValid(sopInstance) || !DicomUidFactory.IsValid(series) || !DicomUidFactory.IsValid(studyUid))
                continue;
            if (!seen.Add(sopInstance!)) continue;
            study ??= studyUid;
            if (!string.Equals(study, studyUid, StringComparison.Ordinal))
                throw new ArgumentException("The source instances belong to different studies.", nameof(files));
            PixelDataDescription description;
            try
            {
                description = PixelDataDescription.FromDataset(ds);
            }
            catch (Exception ex) when (ex is PixelDataException or DicomValueException)
            {
                continue;
            }
            if (description.Columns < 1 || description.Rows < 1 || description.NumberOfFrames < 1) continue;
            kept.Add(file);
            images.Add(new SourceImage(sopClass!, sopInstance!, series!, description.Columns, description.Rows, description.NumberOfFrames));
            planes.Add(description.NumberOfFrames == 1 ? PlaneOf(ds) : null);
            var frame = ds.GetSingleString(DicomTags.FrameOfReferenceUID);
            if (DicomUidFactory.IsValid(frame)) frames[frame!] = frames.GetValueOrDefault(frame!) + 1;
        }
        if (kept.Count == 0) throw new ArgumentException("None of the source instances is an image with valid UIDs.", nameof(files));
        var frameOfReference = frames.Count == 0 ? null : frames.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
        return new SpineSourceSeries(kept, images, frameOfReference, planes.ToArray());
    }

    /// <summary>The series as analyzer input (Part 10 bytes behind streams), for <c>CtVolumeLoader</c>.</summary>
    public SeriesInput ToSeriesInput(CancellationToken cancellationToken)
    {
        var parts = new List<InstanceFile>(Files.Count);
        for (var i = 0; i < Files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var buffer = new MemoryStream();
            DicomFileWriter.Write(buffer, Files[i]);
            var bytes = buffer.ToArray();
            parts.Add(InstanceFile.FromStream(Images[i].SopInstanceUid, () => new MemoryStream(bytes, writable: false), Images[i].SopInstanceUid));
        }
        return SeriesMetadataExtractor.Extract(parts, cancellationToken);
    }

    /// <summary>Index of the single-frame slice whose plane lies nearest <paramref name="point"/> (patient mm), when it
    /// lies within <paramref name="maximumDistanceMm"/>; null otherwise.</summary>
    public int? NearestSlice(double[] point, double maximumDistanceMm)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Length != 3 || !point.All(double.IsFinite)) return null;
        int? best = null;
        var bestDistance = maximumDistanceMm;
        for (var i = 0; i < _planes.Length; i++)
        {
            if (_planes[i] is not { } plane) continue;
            var d = Math.Abs((point[0] - plane.Position[0]) * plane.Normal[0] + (point[1] - plane.Position[1]) * plane.Normal[1]
                + (point[2] - plane.Position[2]) * plane.Normal[2]);
            if (d <= bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static (double[] Position, double[] Normal)? PlaneOf(DicomDataset ds)
    {
        var position = Numbers(ds, DicomTags.ImagePositionPatient, 3);
        var orientation = Numbers(ds, DicomTags.ImageOrientationPatient, 6);
        if (position is null || orientation is null) return null;
        var normal = new[]
        {
            orientation[1] * orientation[5] - orientation[2] * orientation[4],
            orientation[2] * orientation[3] - orientation[0] * orientation[5],
            orientation[0] * orientation[4] - orientation[1] * orientation[3],
        };
        var length = Math.Sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
        if (!(length > 0.5)) return null;
        return (position, normal.Select(v => v / length).ToArray());
    }

    private static double[]? Numbers(DicomDataset ds, DicomTag tag, int count)
    {
        var values = new double[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (ds.GetDecimal(tag, i) is not { } v || !double.IsFinite(v) || Math.Abs(v) > 1e6) return null;
                values[i] = v;
            }
        }
        catch (Exception ex) when (ex is DicomValueException or FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
        return values;
    }
}
