using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>The Modality LUT stage (PS3.3 C.11.1): stored values to modality values (e.g. Hounsfield units), by
/// Rescale Slope/Intercept or by a Modality LUT Sequence.</summary>
internal sealed class ModalityTransform
{
    private readonly LookupTable? _table;

    private ModalityTransform(double slope, double intercept, string? rescaleType, LookupTable? table)
    {
        Slope = slope;
        Intercept = intercept;
        RescaleType = rescaleType;
        _table = table;
    }

    public double Slope { get; }

    public double Intercept { get; }

    /// <summary>Rescale Type (0028,1054) or Modality LUT Type (0028,3004): the unit of the output (HU, US, ...).</summary>
    public string? RescaleType { get; }

    public bool IsLookupTable => _table is not null;

    public static ModalityTransform Identity { get; } = new(1, 0, null, null);

    public double Apply(long stored) => _table is not null ? _table.Lookup(stored) : stored * Slope + Intercept;

    /// <summary>The transform for <paramref name="frame"/>: the enhanced Pixel Value Transformation macro when the
    /// image has one, else the Modality LUT Sequence, else the top-level rescale attributes, else identity.</summary>
    public static ModalityTransform For(DicomDataset dataset, int frame, bool signed)
    {
        if (FunctionalGroups.Find(dataset, frame, DicomTags.PixelValueTransformationSequence) is { } pixelValue)
            return FromRescale(pixelValue);
        if (dataset.GetSequence(DicomTags.ModalityLUTSequence) is { Items.Count: > 0 } sequence)
        {
            var item = sequence.Items[0];
            var table = LookupTable.Parse(item, DicomTags.LUTDescriptor, DicomTags.LUTData, signed, "Modality LUT Sequence");
            return new ModalityTransform(1, 0, item.GetSingleString(DicomTags.ModalityLUTType)?.Trim(), table);
        }
        return FromRescale(dataset);
    }

    private static ModalityTransform FromRescale(DicomDataset item)
    {
        double? slope, intercept;
        try
        {
            slope = item.GetDecimal(DicomTags.RescaleSlope);
            intercept = item.GetDecimal(DicomTags.RescaleIntercept);
        }
        catch (DicomValueException ex)
        {
            throw new PixelDataException($"Rescale Slope/Intercept: {ex.Message}", ex);
        }
        if (slope is null && intercept is null) return Identity;
        var s = slope ?? 1;
        var i = intercept ?? 0;
        if (!double.IsFinite(s) || !double.IsFinite(i))
            throw new PixelDataException($"Rescale Slope {s} / Intercept {i} is not a finite number");
        // A zero slope would flatten every frame to one value: that is a broken header, not an image.
        if (s == 0) throw new PixelDataException("Rescale Slope is 0");
        return new ModalityTransform(s, i, item.GetSingleString(DicomTags.RescaleType)?.Trim(), null);
    }
}
