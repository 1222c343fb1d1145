using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>Chooses the VOI stage for one frame: the caller's window, else the file's (per-frame Frame VOI LUT macro
/// first, then Window Center/Width), else its VOI LUT Sequence, else none (the caller computes one from the values).</summary>
internal static class VoiSelection
{
    /// <summary>The VOI transform the options and the file ask for, or null when an automatic window is needed.</summary>
    public static VoiTransform? Choose(DicomDataset dataset, int frame, RenderOptions options, bool signed, ModalityTransform modality)
    {
        if (options.Window is { } explicitWindow) return VoiTransform.FromWindow(explicitWindow);
        if (options.ForceAutoWindow) return null;
        if (options.VoiLutIndex is { } lutIndex) return FromVoiLut(dataset, lutIndex, signed, modality, required: true);

        var source = FunctionalGroups.Find(dataset, frame, DicomTags.FrameVOILUTSequence) ?? dataset;
        var windows = ReadWindows(source);
        if (windows.Length > 0)
        {
            if (options.WindowIndex < 0 || options.WindowIndex >= windows.Length)
                throw new PixelDataException($"Window {options.WindowIndex + 1} was asked for; the file has {windows.Length}");
            return VoiTransform.FromWindow(windows[options.WindowIndex]);
        }
        if (options.WindowIndex != 0)
            throw new PixelDataException($"Window {options.WindowIndex + 1} was asked for; the file has none");
        return FromVoiLut(dataset, 0, signed, modality, required: false);
    }

    /// <summary>The windows of Window Center/Width (0028,1050/1051) with VOI LUT Function (0028,1056).</summary>
    public static VoiWindow[] ReadWindows(DicomDataset source)
    {
        var centers = Decimals(source, DicomTags.WindowCenter);
        var widths = Decimals(source, DicomTags.WindowWidth);
        if (centers.Length == 0 && widths.Length == 0) return [];
        if (centers.Length != widths.Length)
            throw new PixelDataException($"Window Center has {centers.Length} values but Window Width has {widths.Length}");
        var function = ParseFunction(source.GetSingleString(DicomTags.VOILUTFunction));
        var windows = new VoiWindow[centers.Length];
        for (var i = 0; i < windows.Length; i++) windows[i] = new VoiWindow(centers[i], widths[i], function);
        return windows;
    }

    public static VoiLutFunction ParseFunction(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "LINEAR" => VoiLutFunction.Linear,
        "LINEAR_EXACT" => VoiLutFunction.LinearExact,
        "SIGMOID" => VoiLutFunction.Sigmoid,
        var other => throw new PixelDataException($"VOI LUT Function '{other}' is not LINEAR, LINEAR_EXACT or SIGMOID"),
    };

    private static VoiTransform? FromVoiLut(DicomDataset dataset, int index, bool signed, ModalityTransform modality, bool required)
    {
        var sequence = dataset.GetSequence(DicomTags.VOILUTSequence);
        var count = sequence?.Items.Count ?? 0;
        if (index < 0 || index >= count)
        {
            if (!required) return null;
            throw new PixelDataException($"VOI LUT {index + 1} was asked for; the file has {count}");
        }
        // The VOI LUT's first mapped value is signed when its input (the modality output) can be negative: signed
        // stored values without a rescale, or any rescale/LUT that produces negatives (PS3.3 C.11.2.1.1).
        var signedInput = modality.IsLookupTable ? false : signed || modality.Intercept < 0 || modality.Slope < 0;
        var table = LookupTable.Parse(sequence!.Items[index], DicomTags.LUTDescriptor, DicomTags.LUTData, signedInput,
            string.Create(CultureInfo.InvariantCulture, $"VOI LUT Sequence item {index + 1}"));
        return VoiTransform.FromTable(table);
    }

    private static double[] Decimals(DicomDataset source, DicomTag tag)
    {
        var element = source.GetElement(tag);
        if (element is null || element.IsEmpty) return [];
        try
        {
            return element.VR is DicomVR.DS or DicomVR.IS ? element.GetDecimals() : [source.GetDecimal(tag) ?? double.NaN];
        }
        catch (DicomValueException ex)
        {
            throw new PixelDataException(ex.Message, ex);
        }
    }
}
