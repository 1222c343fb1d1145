using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Analysis.BoneScan;

/// <summary>Tells anterior from posterior whole-body views: the frame's detector View Code first, else the instance's
/// header labels; the one rule shared by the analysis and the reports so marks land on the frames that were analysed.</summary>
public static class BoneScanViewResolver
{
    private static readonly char[] WordSeparators = [' ', '_', '-', '\\', '/', '.', ',', '^', '(', ')'];

    /// <summary>The view the frame's detector names (per-frame NM detector vector), or null.</summary>
    public static BoneScanView? FrameView(FrameMetadata frameMetadata)
    {
        ArgumentNullException.ThrowIfNull(frameMetadata);
        return ViewOf(frameMetadata.NuclearMedicine?.DetectorView);
    }

    /// <summary>The view a single-frame instance names anywhere in its header: the single detector's View Code, the
    /// top-level View Code, View Name, View Position, Image ID, Image Type, Series Description (or
    /// <paramref name="fallbackSeriesDescription"/> when the instance has none), or null.</summary>
    public static BoneScanView? InstanceView(DicomDataset dataset, string? fallbackSeriesDescription = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.GetSequence(DicomTags.DetectorInformationSequence) is { Items.Count: 1 } detectors
            && detectors.Items[0].GetSequence(DicomTags.ViewCodeSequence) is { Items.Count: > 0 } codes
            && ViewOf(Safe(codes.Items[0], DicomTags.CodeMeaning)) is { } detectorView)
            return detectorView;
        if (dataset.GetSequence(DicomTags.ViewCodeSequence) is { Items.Count: > 0 } top && ViewOf(Safe(top.Items[0], DicomTags.CodeMeaning)) is { } topView)
            return topView;
        return ViewOf(Safe(dataset, DicomTags.ViewName)) ?? ViewOf(Safe(dataset, DicomTags.ViewPosition)) ?? ViewOf(Safe(dataset, DicomTags.ImageID))
            ?? ViewOf(string.Join(' ', dataset.GetStrings(DicomTags.ImageType))) ?? ViewOf(Safe(dataset, DicomTags.SeriesDescription) ?? fallbackSeriesDescription);
    }

    /// <summary>Anterior or posterior from free text: a word starting with ANT or POST (ANT, ANTERIOR, POST,
    /// POSTERIOR); text naming both names none.</summary>
    public static BoneScanView? ViewOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        BoneScanView? found = null;
        foreach (var word in text.ToUpperInvariant().Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            BoneScanView? view = word.StartsWith("POST", StringComparison.Ordinal) ? BoneScanView.Posterior
                : word.StartsWith("ANT", StringComparison.Ordinal) ? BoneScanView.Anterior : null;
            if (view is null) continue;
            // "ANT POST" names both: no single view.
            if (found is not null && found != view) return null;
            found = view;
        }
        return found;
    }

    /// <summary>A damaged label is no label: the next source in the order decides.</summary>
    private static string? Safe(DicomDataset dataset, DicomTag tag)
    {
        try
        {
            return dataset.GetSingleString(tag);
        }
        catch (DicomValueException)
        {
            return null;
        }
    }
}
