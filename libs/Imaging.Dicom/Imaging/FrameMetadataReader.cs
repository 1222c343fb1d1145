using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Dicom.Imaging;

/// <summary>Builds <see cref="FrameMetadata"/> from Enhanced multi-frame functional groups (PS3.3 C.7.6.16), per frame
/// before shared, falling back to the top-level attributes of classic images, and from NM frame vectors (C.8.4.8).</summary>
internal sealed class FrameMetadataReader
{
    private readonly DicomDataset _dataset;
    private readonly int _frames;
    private readonly DicomDataset? _shared;
    private readonly DicomSequence? _perFrame;
    private readonly DicomTag[] _pointers;

    public FrameMetadataReader(DicomDataset dataset, int frames)
    {
        _dataset = dataset;
        _frames = frames;
        _shared = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared ? shared.Items[0] : null;
        _perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        if (_perFrame is not null && _perFrame.Items.Count != frames)
            throw new PixelDataException($"Per-frame Functional Groups Sequence has {_perFrame.Items.Count} items for {frames} frames");
        _pointers = dataset.GetElement(DicomTags.FrameIncrementPointer) is { Length: > 0 } pointer && pointer.VR == DicomVR.AT ? pointer.GetTags() : [];
    }

    public FrameMetadata Get(int frame)
    {
        var own = _perFrame?.Items[frame];
        var rescale = Macro(own, DicomTags.PixelValueTransformationSequence);
        var voi = Macro(own, DicomTags.FrameVOILUTSequence);
        var position = Macro(own, DicomTags.PlanePositionSequence);
        var orientation = Macro(own, DicomTags.PlaneOrientationSequence);
        var measures = Macro(own, DicomTags.PixelMeasuresSequence);
        var content = Macro(own, DicomTags.FrameContentSequence);

        return new FrameMetadata(
            frame,
            Decimal(rescale, DicomTags.RescaleSlope) ?? 1.0,
            Decimal(rescale, DicomTags.RescaleIntercept) ?? 0.0,
            NonEmpty(rescale.GetSingleString(DicomTags.RescaleType)),
            Windows(voi),
            NonEmpty(voi.GetSingleString(DicomTags.VOILUTFunction)),
            Decimals(position, DicomTags.ImagePositionPatient, 3),
            Decimals(orientation, DicomTags.ImageOrientationPatient, 6),
            Decimals(measures, DicomTags.PixelSpacing, 2),
            Decimal(measures, DicomTags.SliceThickness),
            Decimal(measures, DicomTags.SpacingBetweenSlices),
            content.GetElement(DicomTags.DimensionIndexValues) is { Length: > 0 } dimension ? Integers(dimension) : null,
            _pointers.Length > 0 ? NuclearMedicine(frame) : null);
    }

    /// <summary>The item of a functional group macro for a frame: per-frame first, then shared, else the top level,
    /// where classic images keep the same attributes.</summary>
    private DicomDataset Macro(DicomDataset? own, DicomTag sequence)
    {
        if (own?.GetSequence(sequence) is { Items.Count: > 0 } mine) return mine.Items[0];
        if (_shared?.GetSequence(sequence) is { Items.Count: > 0 } shared) return shared.Items[0];
        return _dataset;
    }

    private NuclearMedicineFrameIndex NuclearMedicine(int frame)
    {
        int? Index(DicomTag vector)
        {
            if (Array.IndexOf(_pointers, vector) < 0) return null;
            var element = _dataset.GetElement(vector) ?? throw new PixelDataException($"Frame Increment Pointer names {vector}, which is missing");
            var count = element.VR == DicomVR.US || element.VR == DicomVR.UN ? (int)(element.Length / 2) : element.GetValueMultiplicity();
            if (count < _frames)
                throw new PixelDataException($"{vector} holds {count} values for {_frames} frames");
            return (int)(_dataset.GetInteger(vector, frame) ?? 0);
        }

        var detector = Index(DicomTags.DetectorVector);
        string? view = null;
        if (detector is > 0 && _dataset.GetSequence(DicomTags.DetectorInformationSequence) is { } detectors && detector <= detectors.Items.Count)
        {
            var item = detectors.Items[detector.Value - 1];
            if (item.GetSequence(DicomTags.ViewCodeSequence) is { Items.Count: > 0 } codes)
                view = NonEmpty(codes.Items[0].GetSingleString(DicomTags.CodeMeaning));
        }
        return new NuclearMedicineFrameIndex(
            _pointers,
            Index(DicomTags.EnergyWindowVector),
            detector,
            Index(DicomTags.PhaseVector),
            Index(DicomTags.RotationVector),
            Index(DicomTags.RRIntervalVector),
            Index(DicomTags.TimeSlotVector),
            Index(DicomTags.SliceVector),
            Index(DicomTags.AngularViewVector),
            Index(DicomTags.TimeSliceVector),
            view);
    }

    private static List<WindowSetting> Windows(DicomDataset item)
    {
        var centers = item.GetElement(DicomTags.WindowCenter) is { Length: > 0 } c ? SafeDecimals(c) : [];
        var widths = item.GetElement(DicomTags.WindowWidth) is { Length: > 0 } w ? SafeDecimals(w) : [];
        var explanations = item.GetStrings(DicomTags.WindowCenterWidthExplanation);
        var windows = new List<WindowSetting>();
        for (var i = 0; i < Math.Min(centers.Length, widths.Length); i++)
        {
            if (double.IsNaN(centers[i]) || double.IsNaN(widths[i])) continue;
            windows.Add(new WindowSetting(centers[i], widths[i], i < explanations.Length ? NonEmpty(explanations[i]) : null));
        }
        return windows;
    }

    private static double? Decimal(DicomDataset item, DicomTag tag)
    {
        try
        {
            return item.GetDecimal(tag);
        }
        catch (DicomValueException ex)
        {
            throw new PixelDataException($"{tag}: {ex.Message}", ex);
        }
    }

    private static double[]? Decimals(DicomDataset item, DicomTag tag, int count)
    {
        if (item.GetElement(tag) is not { Length: > 0 } element) return null;
        var values = SafeDecimals(element);
        return values.Length == count && !values.Any(double.IsNaN) ? values : null;
    }

    private static double[] SafeDecimals(DicomElement element)
    {
        try
        {
            return element.GetDecimals();
        }
        catch (DicomValueException ex)
        {
            throw new PixelDataException($"{element.Tag}: {ex.Message}", ex);
        }
    }

    private static long[] Integers(DicomElement element) => element.VR switch
    {
        DicomVR.UL => Array.ConvertAll(element.GetValues<uint>(), v => (long)v),
        DicomVR.US => Array.ConvertAll(element.GetValues<ushort>(), v => (long)v),
        _ => element.GetIntegers(),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
