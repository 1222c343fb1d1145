using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering;

namespace Imaging.Reporting;

/// <summary>Writes a Secondary Capture key image (PS3.3 A.8.1): the chosen views of a source instance rendered side by
/// side in RGB with lesions marked in colour, burned in.</summary>
public static class KeyImageWriter
{
    /// <summary>Plain Secondary Capture: one RGB frame holds every view, which every viewer shows.</summary>
    public static string SopClassUid => DicomUids.SecondaryCaptureImageStorage.Uid;

    private const int MaxViews = 16;

    /// <summary>Renders and marks the views of <paramref name="source"/> and returns the SC dataset.</summary>
    /// <exception cref="ArgumentException">A view names a frame the source lacks, or a mark lies outside its frame.</exception>
    /// <exception cref="PixelDataException">The source pixel data cannot be decoded or rendered.</exception>
    public static DicomDataset Build(KeyImageContent content, DicomDataset source, DicomTransferSyntax syntax, PixelCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(syntax);
        return Build(content, [new DicomFile(new DicomDataset(), source, syntax)], codecs);
    }

    /// <summary>As <see cref="Build(KeyImageContent, DicomDataset, DicomTransferSyntax, PixelCodecRegistry?)"/> with views
    /// taken from several instances of one study (<see cref="KeyImageView.Source"/> indexes <paramref name="sources"/>);
    /// patient and study come from the first.</summary>
    public static DicomDataset Build(KeyImageContent content, IReadOnlyList<DicomFile> sources, PixelCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0) throw new ArgumentException("A key image needs a source instance.", nameof(sources));
        var studyUid = sources[0]?.Dataset.GetSingleString(DicomTags.StudyInstanceUID);
        var identities = new List<(string SopClass, string SopInstance)>(sources.Count);
        foreach (var file in sources)
        {
            ArgumentNullException.ThrowIfNull(file, nameof(sources));
            var sourceClass = file.Dataset.GetSingleString(DicomTag.SopClassUid);
            var sourceInstance = file.Dataset.GetSingleString(DicomTag.SopInstanceUid);
            if (!DicomUidFactory.IsValid(sourceClass) || !DicomUidFactory.IsValid(sourceInstance))
                throw new ArgumentException("A source has no valid SOP Class / SOP Instance UID.", nameof(sources));
            if (!string.Equals(file.Dataset.GetSingleString(DicomTags.StudyInstanceUID), studyUid, StringComparison.Ordinal))
                throw new ArgumentException("The sources of one key image must belong to one study.", nameof(sources));
            identities.Add((sourceClass!, sourceInstance!));
        }
        if (content.Views is not { Count: > 0 and <= MaxViews })
            throw new ArgumentException($"A key image shows 1 to {MaxViews} views.", nameof(content));
        if (content.Gap is < 0 or > 256) throw new ArgumentException("The gap between views must be 0 to 256 pixels.", nameof(content));

        var rendered = new List<RenderedFrame>(content.Views.Count);
        foreach (var view in content.Views)
        {
            ArgumentNullException.ThrowIfNull(view);
            if (view.Source < 0 || view.Source >= sources.Count)
                throw new ArgumentException($"Source {view.Source} was asked for; there are {sources.Count}.", nameof(content));
            var source = sources[view.Source];
            var description = PixelDataDescription.FromDataset(source.Dataset);
            if (view.FrameNumber < 1 || view.FrameNumber > description.NumberOfFrames)
                throw new ArgumentException($"Frame {view.FrameNumber} was asked for; the source has {description.NumberOfFrames}.", nameof(content));
            var frame = FrameRenderer.Render(source.Dataset, source.TransferSyntax, view.FrameNumber - 1, view.RenderOptions ?? content.RenderOptions, codecs);
            ValidateMarks(view, frame);
            rendered.Add(frame);
        }

        // Views sit left to right; Rows and Columns are US, so the composite must fit 65535 both ways.
        long width = (long)content.Gap * (rendered.Count - 1);
        foreach (var f in rendered) width += f.Width;
        var height = rendered.Max(f => f.Height);
        if (width > ushort.MaxValue || height > ushort.MaxValue)
            throw new PixelDataException($"The key image would be {width} x {height} pixels; DICOM allows at most 65535 each way.");
        var canvas = new RgbCanvas((int)width, height);
        var left = 0;
        for (var i = 0; i < rendered.Count; i++)
        {
            var frame = rendered[i];
            canvas.Blit(frame.Pixels, frame.Width, frame.Height, frame.Channels, left);
            canvas.Clip(left, 0, frame.Width, frame.Height);
            foreach (var mark in content.Views[i].Marks)
            {
                // Pixel (x, y) in the source frame is pixel (left + x, y) here: views are copied at scale 1.
                var cx = left + (int)Math.Round(mark.X);
                var cy = (int)Math.Round(mark.Y);
                var radius = (int)Math.Round(mark.Radius);
                var color = mark.Color ?? RgbColor.Red;
                if (mark.Shape == MarkShape.Cross) canvas.Cross(cx, cy, radius, color);
                else canvas.Circle(cx, cy, radius, color, mark.Shape == MarkShape.DashedCircle);
            }
            left += frame.Width + content.Gap;
        }

        var now = content.CreationTime ?? DateTimeOffset.Now;
        var ds = DerivedInstanceHeader.Create(sources[0].Dataset, SopClassUid, "OT", content.SeriesNumber, content.SeriesDescription, now,
            content.Manufacturer, content.SoftwareVersion, content.SopInstanceUid, content.SeriesInstanceUid);
        ds.SetString(DicomTags.ConversionType, DicomVR.CS, "WSD");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "DERIVED", "SECONDARY");
        ds.Set(new DicomElement(DicomTags.PatientOrientation, DicomVR.CS, DicomBuffer.FromBytes(Array.Empty<byte>())));
        // General Series Laterality is Type 2C; a composite of whole-body views has none, which empty says.
        ds.Set(new DicomElement(DicomTags.Laterality, DicomVR.CS, DicomBuffer.FromBytes(Array.Empty<byte>())));
        ds.SetString(DicomTags.DerivationDescription, DicomVR.ST, content.DerivationDescription);
        ds.Set(SourceImageSequence(identities, content.Views));
        ds.SetString(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.SetString(DicomTags.DateOfSecondaryCapture, DicomVR.DA, now.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.TimeOfSecondaryCapture, DicomVR.TM, now.ToString("HHmmss", CultureInfo.InvariantCulture));
        RgbImagePixelModule.Write(ds, canvas);
        return ds;
    }

    /// <summary>The key image as a Part 10 file in Explicit VR Little Endian.</summary>
    public static DicomFile ToFile(DicomDataset keyImage)
    {
        ArgumentNullException.ThrowIfNull(keyImage);
        return new DicomFile(new DicomDataset(), keyImage, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>Builds the key image from <paramref name="source"/> and writes it to <paramref name="path"/>.</summary>
    public static async Task<DicomDataset> WriteAsync(string path, KeyImageContent content, DicomFile source, PixelCodecRegistry? codecs = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var keyImage = Build(content, source.Dataset, source.TransferSyntax, codecs);
        await Part10Output.WriteAsync(path, ToFile(keyImage), cancellationToken).ConfigureAwait(false);
        return keyImage;
    }

    private static void ValidateMarks(KeyImageView view, RenderedFrame frame)
    {
        if (view.Marks is null) throw new ArgumentException($"View of frame {view.FrameNumber} has no mark list.");
        var maxRadius = Math.Max(frame.Width, frame.Height);
        foreach (var mark in view.Marks)
        {
            ArgumentNullException.ThrowIfNull(mark);
            if (!double.IsFinite(mark.X) || !double.IsFinite(mark.Y) || mark.X < 0 || mark.Y < 0 || mark.X > frame.Width - 1 || mark.Y > frame.Height - 1)
                throw new ArgumentException($"Mark ({mark.X}, {mark.Y}) lies outside frame {view.FrameNumber} ({frame.Width} x {frame.Height}).");
            if (!double.IsFinite(mark.Radius) || mark.Radius <= 0 || mark.Radius > maxRadius)
                throw new ArgumentException($"Mark radius {mark.Radius} is not between 0 and {maxRadius} pixels.");
        }
    }

    private static DicomSequence SourceImageSequence(IReadOnlyList<(string SopClass, string SopInstance)> sources, IReadOnlyList<KeyImageView> views)
    {
        var items = new List<DicomDataset>();
        for (var i = 0; i < sources.Count; i++)
        {
            var frames = views.Where(v => v.Source == i).Select(v => v.FrameNumber).Distinct().ToList();
            if (frames.Count == 0) continue;
            var item = new DicomDataset();
            item.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sources[i].SopClass);
            item.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sources[i].SopInstance);
            item.SetString(DicomTags.ReferencedFrameNumber, DicomVR.IS, frames.Select(f => f.ToString(CultureInfo.InvariantCulture)).ToArray());
            item.Set(SrContentItems.CodeSequence(DicomTags.PurposeOfReferenceCodeSequence, SourceImageForProcessing));
            items.Add(item);
        }
        return new DicomSequence(DicomTags.SourceImageSequence, items);
    }

    private static readonly CodedConcept SourceImageForProcessing = new("121322", "DCM", "Source image for image processing operation");
}
