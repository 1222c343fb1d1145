using Imaging.Analysis.BoneScan;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Reporting.BoneScan;

/// <summary>The source instances of a bone scan and which frame holds the anterior and which the posterior view, found
/// the way the analysis finds them (detector View Code per frame, else the instance's labels, else frame order), so
/// ROIs and key-image marks land on the frames the findings were computed from.</summary>
public sealed class BoneScanSourceViews
{
    private BoneScanSourceViews(IReadOnlyList<DicomFile> files, IReadOnlyList<SourceImage> images, BoneScanViewFrame? anterior, BoneScanViewFrame? posterior)
    {
        Files = files;
        Images = images;
        Anterior = anterior;
        Posterior = posterior;
    }

    /// <summary>The source instances, in the order given.</summary>
    public IReadOnlyList<DicomFile> Files { get; }

    /// <summary>The SR's view of each file (same order): identifiers and geometry.</summary>
    public IReadOnlyList<SourceImage> Images { get; }

    public BoneScanViewFrame? Anterior { get; }

    public BoneScanViewFrame? Posterior { get; }

    /// <summary>Finds the views among <paramref name="files"/> (the analysed series' instances).</summary>
    /// <exception cref="ArgumentException">No file is a usable single-sample image of one study, or no view is found.</exception>
    public static BoneScanSourceViews Locate(IReadOnlyList<DicomFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) throw new ArgumentException("A bone-scan report needs the source instances.", nameof(files));
        var images = new List<SourceImage>(files.Count);
        BoneScanViewFrame? anterior = null, posterior = null;
        var unlabelled = new List<BoneScanViewFrame>();
        string? study = null;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i] ?? throw new ArgumentException("A source file is missing.", nameof(files));
            var ds = file.Dataset;
            var sopClass = ds.GetSingleString(DicomTag.SopClassUid);
            var sopInstance = ds.GetSingleString(DicomTag.SopInstanceUid);
            var series = ds.GetSingleString(DicomTags.SeriesInstanceUID);
            var studyUid = ds.GetSingleString(DicomTags.StudyInstanceUID);
            if (!DicomUidFactory.IsValid(sopClass) || !DicomUidFactory.IsValid(sopInstance) || !DicomUidFactory.IsValid(series) || !DicomUidFactory.IsValid(studyUid))
                throw new ArgumentException($"Source {i + 1} lacks valid SOP, series or study UIDs.", nameof(files));
            study ??= studyUid;
            if (!string.Equals(study, studyUid, StringComparison.Ordinal))
                throw new ArgumentException("The source instances belong to different studies.", nameof(files));
            PixelDataDescription description;
            DicomPixelData pixels;
            try
            {
                pixels = DicomPixelData.Create(ds, file.TransferSyntax);
                description = pixels.Description;
            }
            catch (Exception ex) when (ex is PixelDataException or DicomValueException)
            {
                throw new ArgumentException($"Source {sopInstance} has no usable pixel data: {ex.Message}", nameof(files), ex);
            }
            images.Add(new SourceImage(sopClass!, sopInstance!, series!, description.Columns, description.Rows, description.NumberOfFrames));
            // As the analysis: colour images are not counts images and hold no view.
            if (description.SamplesPerPixel != 1) continue;
            var instanceView = description.NumberOfFrames == 1 ? BoneScanViewResolver.InstanceView(ds) : null;
            for (var frame = 0; frame < description.NumberOfFrames; frame++)
            {
                var frameView = FrameView(pixels, frame) ?? instanceView;
                var at = new BoneScanViewFrame(i, frame + 1);
                switch (frameView)
                {
                    case BoneScanView.Anterior when anterior is null: anterior = at; break;
                    case BoneScanView.Posterior when posterior is null: posterior = at; break;
                    case null: unlabelled.Add(at); break;
                    default: break;
                }
            }
        }
        foreach (var at in unlabelled)
        {
            if (anterior is null) anterior = at;
            else if (posterior is null) posterior = at;
        }
        if (anterior is null && posterior is null) throw new ArgumentException("No whole-body view was found in the source instances.", nameof(files));
        return new BoneScanSourceViews(files, images, anterior, posterior);
    }

    /// <summary>The image a view lies on.</summary>
    public SourceImage ImageOf(BoneScanViewFrame view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Images[view.Source];
    }

    /// <summary>The view the frame's detector names; a damaged per-frame header leaves the frame unlabelled.</summary>
    private static BoneScanView? FrameView(DicomPixelData pixels, int frame)
    {
        try
        {
            return BoneScanViewResolver.FrameView(pixels.GetFrameMetadata(frame));
        }
        catch (Exception ex) when (ex is DicomValueException or PixelDataException)
        {
            return null;
        }
    }
}
