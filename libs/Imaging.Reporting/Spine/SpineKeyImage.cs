using System.Globalization;
using Imaging.Analysis.Spine;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Reporting.Spine;

/// <summary>The spine key image: the sagittal reformat windowed by modality, a black label margin on the left, each level
/// marked by a tick in front of its body and its name; flagged levels (Genant grade ≥ 1) in red with the grade, cement in
/// yellow, the others green. A Secondary Capture (RGB) with the reformat's pixel spacing.</summary>
public static class SpineKeyImage
{
    public static RgbColor FlaggedColor => RgbColor.Red;
    public static RgbColor CementColor => RgbColor.Yellow;
    public static RgbColor NormalColor => RgbColor.Green;

    /// <summary>Gap (mm) between a level's tick and its centroid: about half a body depth, so the tick ends in front of
    /// the anterior wall and does not hide it.</summary>
    private const double TickGapMm = 20;

    private const int TickLength = 10;

    /// <summary>Label scale: 2 (14-pixel letters) when levels are far enough apart, else 1.</summary>
    private static int LabelScale(SagittalReformat reformat) => 25 / reformat.SpacingMm >= 16 ? 2 : 1;

    /// <summary>Width of the left margin holding the labels.</summary>
    public static int MarginWidth(SagittalReformat reformat)
    {
        ArgumentNullException.ThrowIfNull(reformat);
        return BitmapFont.Width("L6 G3 C", LabelScale(reformat)) + TickLength + 6;
    }

    /// <summary>Draws the key image of <paramref name="findings"/> on <paramref name="reformat"/> and wraps it in an SC
    /// dataset of the source's study.</summary>
    public static DicomDataset Build(SagittalReformat reformat, SpineFindings findings, SpineSourceSeries series, SpineResultUids uids,
        DateTimeOffset producedAt, SpineReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reformat);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(uids);
        options ??= SpineReportOptions.Default;
        var margin = MarginWidth(reformat);
        var width = margin + reformat.Width;
        if (width > ushort.MaxValue || reformat.Height > ushort.MaxValue)
            throw new PixelDataException($"The key image would be {width} x {reformat.Height} pixels; DICOM allows at most 65535 each way.");
        var canvas = new RgbCanvas(width, reformat.Height);
        var (black, white) = Window(reformat, findings.Modality, options);
        Paint(canvas, reformat, margin, black, white);
        Mark(canvas, reformat, margin, findings);

        var head = series.Files[0].Dataset;
        var ds = DerivedInstanceHeader.Create(head, DicomUids.SecondaryCaptureImageStorage.Uid, "OT", options.KeyImageSeriesNumber, "Spine key image",
            producedAt, options.Manufacturer, $"{findings.Analyzer} {findings.AnalyzerVersion}", uids.KeyImageInstance, uids.KeyImageSeries);
        ds.SetString(DicomTags.ConversionType, DicomVR.CS, "WSD");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "DERIVED", "SECONDARY", "REFORMATTED");
        // Rows run foot-wards and columns posterior-wards, in the reformat's plane (curved laterally, hence no full geometry).
        ds.SetString(DicomTags.PatientOrientation, DicomVR.CS, "P", "F");
        ds.Set(new DicomElement(DicomTags.Laterality, DicomVR.CS, DicomBuffer.FromBytes(Array.Empty<byte>())));
        ds.SetString(DicomTags.DerivationDescription, DicomVR.ST, Legend(reformat, findings, black, white));
        ds.Set(SourceImageSequence(series));
        ds.SetString(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.SetString(DicomTags.DateOfSecondaryCapture, DicomVR.DA, producedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.TimeOfSecondaryCapture, DicomVR.TM, producedAt.ToString("HHmmss", CultureInfo.InvariantCulture));
        var spacing = SrContentItems.FormatDecimalString(reformat.SpacingMm);
        ds.SetString(DicomTags.PixelSpacing, DicomVR.DS, spacing, spacing);
        RgbImagePixelModule.Write(ds, canvas);
        return ds;
    }

    /// <summary>The value shown black and the one shown white: the CT window, or the MR percentiles of the reformat.</summary>
    private static (double Black, double White) Window(SagittalReformat reformat, string? modality, SpineReportOptions options)
    {
        if (string.Equals(modality?.Trim(), "CT", StringComparison.OrdinalIgnoreCase))
            return (options.CtWindowCenter - options.CtWindowWidth / 2, options.CtWindowCenter + options.CtWindowWidth / 2);
        var finite = reformat.Values.Where(float.IsFinite).ToArray();
        if (finite.Length == 0) return (0, 1);
        Array.Sort(finite);
        double At(double percentile) => finite[(int)Math.Clamp(Math.Round(percentile / 100 * (finite.Length - 1)), 0, finite.Length - 1)];
        var (low, high) = (At(options.MrLowPercentile), At(options.MrHighPercentile));
        return high > low ? (low, high) : (low, low + 1);
    }

    private static void Paint(RgbCanvas canvas, SagittalReformat reformat, int margin, double black, double white)
    {
        var scale = 255 / (white - black);
        for (var row = 0; row < reformat.Height; row++)
        {
            for (var column = 0; column < reformat.Width; column++)
            {
                var v = reformat.Values[row * reformat.Width + column];
                var grey = float.IsFinite(v) ? (byte)Math.Clamp(Math.Round((v - black) * scale), 0, 255) : (byte)0;
                canvas.Set(margin + column, row, new RgbColor(grey, grey, grey));
            }
        }
    }

    private static void Mark(RgbCanvas canvas, SagittalReformat reformat, int margin, SpineFindings findings)
    {
        var scale = LabelScale(reformat);
        foreach (var level in findings.Vertebrae)
        {
            if (level?.CentroidMm is not { Length: 3 } c || !c.All(double.IsFinite) || string.IsNullOrWhiteSpace(level.Level)) continue;
            var row = (int)Math.Round(reformat.RowOf(c[2]));
            if (row < 0 || row >= reformat.Height) continue;
            var flagged = level.GenantGrade >= 1;
            var color = flagged ? FlaggedColor : level.Cement ? CementColor : NormalColor;
            // The tick: from the margin's edge to just in front of the body, three pixels thick.
            var tickEnd = margin + (int)Math.Round(reformat.ColumnOf(c[1] - TickGapMm));
            var tickStart = Math.Min(margin - TickLength, tickEnd - TickLength);
            tickEnd = Math.Clamp(tickEnd, margin - 2, canvas.Width - 1);
            for (var x = tickStart; x <= tickEnd; x++)
                for (var dy = -1; dy <= 1; dy++)
                    canvas.Set(x, row + dy, color);
            var name = level.Level.Trim();
            if (name.Length > 8) name = name[..8];
            var label = flagged ? string.Create(CultureInfo.InvariantCulture, $"{name} G{Math.Clamp(level.GenantGrade, 0, 9)}") : name;
            var top = row - BitmapFont.GlyphHeight * scale / 2;
            BitmapFont.Draw(canvas, 2, top, label, color, scale);
            if (level.Cement)
                BitmapFont.Draw(canvas, 2 + BitmapFont.Width(label + " ", scale) + scale, top, "C", CementColor, scale);
        }
    }

    private static string Legend(SagittalReformat reformat, SpineFindings findings, double black, double white)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Curved sagittal reformat along the vertebral centroids, {reformat.SpacingMm:0.###} mm pixels, anterior left, superior top, "
            + $"window {black:0.#} to {white:0.#}; red: flagged levels (Genant grade G1-G3); yellow C: cement; green: other levels")
            + (findings.FlaggedLevels.Count > 0 ? $"; flagged: {string.Join(", ", findings.FlaggedLevels)}" : "; no level flagged");
        return text.Length <= 1024 ? text : text[..1024];
    }

    private static DicomSequence SourceImageSequence(SpineSourceSeries series)
    {
        var items = new List<DicomDataset>(series.Images.Count);
        foreach (var image in series.Images)
        {
            var item = new DicomDataset();
            item.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, image.SopClassUid);
            item.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, image.SopInstanceUid);
            item.Set(SrContentItems.CodeSequence(DicomTags.PurposeOfReferenceCodeSequence, SourceImageForProcessing));
            items.Add(item);
        }
        return new DicomSequence(DicomTags.SourceImageSequence, items);
    }

    private static readonly CodedConcept SourceImageForProcessing = new("121322", "DCM", "Source image for image processing operation");
}
