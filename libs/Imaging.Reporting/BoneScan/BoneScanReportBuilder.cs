using System.Globalization;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;
using Imaging.Dicom.Rendering;

namespace Imaging.Reporting.BoneScan;

/// <summary>Maps bone-scan findings (libs/Imaging.Analysis/BoneScan) onto the TID 1500 report, the key image and the key
/// object selection (README: the mapping table).</summary>
public static class BoneScanReportBuilder
{
    /// <summary>Text of the key object selection.</summary>
    public const string KeyObjectDescription = "Bone scan: lesions found by automated analysis";

    private static readonly RgbColor LesionColor = RgbColor.Red;
    private static readonly RgbColor PersistentColor = RgbColor.Yellow;
    private static readonly RgbColor ResolvedColor = RgbColor.Grey;
    private static readonly RgbColor ExcludedColor = RgbColor.Yellow;

    /// <summary>Whether <paramref name="findings"/> counted lesions, i.e. whether there is anything to report: scans with
    /// another tracer (recorded, not counted) and failed analyses get no report.</summary>
    public static bool CanReport(BoneScanFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Status is TracerStatus.Analysed or TracerStatus.UnknownTracer && findings.LesionCount is not null;
    }

    /// <summary>Builds the report, the key image and the key object selection of <paramref name="findings"/>, computed on
    /// the instances <paramref name="sources"/>, with UIDs derived from the findings' series, analyzer version and
    /// <paramref name="readyVersion"/> and every date and time from <paramref name="producedAt"/>: the same inputs give
    /// the same objects.</summary>
    /// <exception cref="ArgumentException">The findings are not reportable (<see cref="CanReport"/>) or do not fit the
    /// source images (a lesion outside the frame, no view).</exception>
    /// <exception cref="PixelDataException">The source pixel data cannot be rendered.</exception>
    public static BoneScanReportSet Build(BoneScanFindings findings, IReadOnlyList<DicomFile> sources, int readyVersion, DateTimeOffset producedAt,
        BoneScanReportOptions? options = null, PixelCodecRegistry? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        options ??= BoneScanReportOptions.Default;
        var views = BoneScanSourceViews.Locate(sources);
        var seriesUid = SeriesUidOf(findings, views);
        var uids = BoneScanResultUids.For(seriesUid, findings.Analyzer, findings.AnalyzerVersion, readyVersion);
        var head = views.Files[(views.Anterior ?? views.Posterior)!.Source].Dataset;

        var report = MeasurementReportWriter.Build(ReportContent(findings, views, uids, producedAt, options), head);
        var keyImage = KeyImageWriter.Build(KeyImageContent(findings, views, uids, producedAt, options), views.Files, codecs);
        var keyObjects = KeyObjectSelectionWriter.Build([InstanceReference.Of(keyImage), InstanceReference.Of(report)], head, KeyObjectDescription,
            Observer(findings, options), options.KeyObjectSeriesNumber, producedAt, uids.KeyObjectsInstance, uids.KeyObjectsSeries);
        return new BoneScanReportSet(report, keyImage, keyObjects);
    }

    /// <summary>The TID 1500 content of <paramref name="findings"/>: one TID 1410 group per lesion, the counts per region,
    /// total and burden in one TID 1501 group, the Soloway grade as a qualitative evaluation.</summary>
    public static MeasurementReportContent ReportContent(BoneScanFindings findings, BoneScanSourceViews views, BoneScanResultUids uids,
        DateTimeOffset producedAt, BoneScanReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(uids);
        options ??= BoneScanReportOptions.Default;
        if (!CanReport(findings))
            throw new ArgumentException($"Findings with status {findings.Status} and no lesion count are not reported.", nameof(findings));
        var seriesUid = SeriesUidOf(findings, views);
        var spacing = PixelSpacingOf(findings, views);

        var lesions = new List<LesionMeasurementGroup>(LesionsOf(findings).Count);
        foreach (var lesion in LesionsOf(findings))
        {
            ArgumentNullException.ThrowIfNull(lesion, nameof(findings));
            var (view, column) = PlaceOnView(lesion, views);
            var image = views.ImageOf(view);
            var radius = RadiusPixels(lesion.AreaMm2, spacing, image);
            var region = PlanarRegion.Circle(image, view.FrameNumber, column + 0.5, lesion.Y + 0.5, radius);
            var measurements = new List<Measurement>(2);
            if (double.IsFinite(lesion.PeakRatio)) measurements.Add(new Measurement(ReportCodes.PeakRatioToNormalBone, Round(lesion.PeakRatio, 3), ReportCodes.Units.Ratio));
            if (double.IsFinite(lesion.AreaMm2)) measurements.Add(new Measurement(ReportCodes.Area, Round(lesion.AreaMm2, 1), ReportCodes.Units.SquareMillimeter));
            var change = ChangeOf(findings.Comparison, lesion.Id);
            var lesionEvaluations = new List<QualitativeEvaluation>(1);
            if (change is not null)
            {
                lesionEvaluations.Add(QualitativeEvaluation.Coded(ReportCodes.ChangeSincePrior,
                    change.Status == LesionChange.Persistent ? ReportCodes.PersistentLesion : ReportCodes.NewLesion));
                if (change.Status == LesionChange.Persistent && change.PeakChangePercent is { } peakChange && double.IsFinite(peakChange))
                    measurements.Add(new Measurement(ReportCodes.PeakRatioChange, Round(peakChange, 1), ReportCodes.Units.Percent));
            }
            lesions.Add(new LesionMeasurementGroup(TrackingIdentifier(lesion.Id),
                lesion.TrackingUid ?? BoneScanResultUids.LesionTrackingUid(seriesUid, lesion.Id),
                ReportCodes.Lesion, SkeletalRegionCodes.For(lesion.Region.Key()), LateralityOf(lesion, findings.Anchors, spacing), region, measurements)
            { Evaluations = lesionEvaluations });
        }
        lesions.AddRange(ResolvedGroups(findings.Comparison, seriesUid));

        var counts = findings.RegionCounts ?? RegionCounts.Of(LesionsOf(findings));
        var summary = new List<Measurement>(SkeletalRegionCodes.Keys.Count + 2);
        foreach (var region in Enum.GetValues<SkeletalRegion>())
            summary.Add(new Measurement(ReportCodes.NumberOfLesions, counts[region], ReportCodes.Units.Lesions, SkeletalRegionCodes.For(region.Key())));
        summary.Add(new Measurement(ReportCodes.NumberOfLesions, findings.LesionCount!.Value, ReportCodes.Units.Lesions));
        if (findings.LesionBurdenPercent is { } burden && double.IsFinite(burden))
            summary.Add(new Measurement(ReportCodes.LesionBurden, Round(burden, 2), ReportCodes.Units.Percent));
        if (findings.Comparison is { } counted)
        {
            summary.Add(new Measurement(ReportCodes.NumberOfNewLesions, counted.NewCount, ReportCodes.Units.Lesions));
            summary.Add(new Measurement(ReportCodes.NumberOfPersistentLesions, counted.PersistentCount, ReportCodes.Units.Lesions));
            summary.Add(new Measurement(ReportCodes.NumberOfResolvedLesions, counted.ResolvedCount, ReportCodes.Units.Lesions));
        }

        var evaluations = new List<QualitativeEvaluation>();
        if (findings.ExtentOfDiseaseGrade is { } grade)
            evaluations.Add(QualitativeEvaluation.Textual(ReportCodes.SolowayGrade, grade.ToString(CultureInfo.InvariantCulture)));
        // What was seen but not counted, and why the count may be unreliable: a reader in PACS needs both to trust it.
        foreach (var focus in findings.Excluded ?? [])
        {
            if (focus is null || string.IsNullOrWhiteSpace(focus.Reason)) continue;
            var note = string.IsNullOrWhiteSpace(focus.Note) ? "" : $" ({focus.Note.Trim()})";
            evaluations.Add(QualitativeEvaluation.Textual(ReportCodes.FocusNotCounted,
                string.Create(CultureInfo.InvariantCulture, $"{focus.Reason.Trim()}{note} at column {focus.X}, row {focus.Y} of the anterior frame")));
        }
        evaluations.AddRange(ComparisonEvaluations(findings.Comparison));
        foreach (var warning in findings.Qc?.Warnings ?? [])
        {
            if (!string.IsNullOrWhiteSpace(warning)) evaluations.Add(QualitativeEvaluation.Textual(ReportCodes.QualityWarning, warning.Trim()));
        }

        return new MeasurementReportContent
        {
            Observer = Observer(findings, options),
            Procedure = options.Procedure,
            SourceImages = views.Images,
            Lesions = lesions,
            Summary = summary,
            SummaryTrackingIdentifier = "Lesion counts",
            SummaryTrackingUid = SummaryTrackingUid(views, seriesUid),
            QualitativeEvaluations = evaluations,
            SeriesDescription = "Bone scan lesion report",
            SeriesNumber = options.ReportSeriesNumber,
            ObservationTime = producedAt,
            SopInstanceUid = uids.ReportInstance,
            SeriesInstanceUid = uids.ReportSeries,
        };
    }

    /// <summary>The key image: anterior left, posterior right (as acquired, not mirrored), each windowed to its normal bone;
    /// lesions ringed in red on the views they were seen in, excluded foci crossed in yellow on both.</summary>
    public static KeyImageContent KeyImageContent(BoneScanFindings findings, BoneScanSourceViews views, BoneScanResultUids uids,
        DateTimeOffset producedAt, BoneScanReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(uids);
        options ??= BoneScanReportOptions.Default;
        var spacing = PixelSpacingOf(findings, views);
        var shown = new List<KeyImageView>(2);
        foreach (var (frame, kind) in new[] { (views.Anterior, BoneScanView.Anterior), (views.Posterior, BoneScanView.Posterior) })
        {
            if (frame is null) continue;
            var image = views.ImageOf(frame);
            var marks = new List<KeyImageMark>();
            foreach (var lesion in LesionsOf(findings))
            {
                ArgumentNullException.ThrowIfNull(lesion, nameof(findings));
                var (placed, _) = PlaceOnView(lesion, views);
                var seenHere = lesion.Views?.Contains(kind) == true || placed == frame;
                if (!seenHere) continue;
                var x = kind == BoneScanView.Posterior ? image.Columns - 1 - lesion.X : lesion.X;
                // The ring goes just outside the lesion, so the lesion itself stays visible.
                var radius = Math.Min(RadiusPixels(lesion.AreaMm2, spacing, image) + 3, Math.Max(image.Columns, image.Rows));
                var color = ChangeOf(findings.Comparison, lesion.Id)?.Status == LesionChange.Persistent ? PersistentColor : LesionColor;
                marks.Add(new KeyImageMark(x, lesion.Y, Math.Max(radius, 4), MarkShape.Circle, color));
            }
            foreach (var gone in ResolvedLesions(findings.Comparison))
            {
                if (!TryExpectedPixel(gone, image, out var ex, out var ey)) continue;
                var x = kind == BoneScanView.Posterior ? image.Columns - 1 - ex : ex;
                var radius = Math.Min(RadiusPixels(gone.PriorAreaMm2 ?? double.NaN, spacing, image) + 3, Math.Max(image.Columns, image.Rows));
                marks.Add(new KeyImageMark(x, ey, Math.Max(radius, 4), MarkShape.DashedCircle, ResolvedColor));
            }
            foreach (var focus in findings.Excluded ?? [])
            {
                if (focus is null || focus.X < 0 || focus.Y < 0 || focus.X >= image.Columns || focus.Y >= image.Rows) continue;
                var x = kind == BoneScanView.Posterior ? image.Columns - 1 - focus.X : focus.X;
                marks.Add(new KeyImageMark(x, focus.Y, 4, MarkShape.Cross, ExcludedColor));
            }
            var normal = kind == BoneScanView.Anterior ? findings.Normalisation?.NormalBoneAnterior : findings.Normalisation?.NormalBonePosterior;
            shown.Add(new KeyImageView(frame.FrameNumber, marks) { Source = frame.Source, RenderOptions = WindowFor(normal, options) });
        }
        var observer = Observer(findings, options);
        return new KeyImageContent
        {
            Views = shown,
            DerivationDescription = Legend(findings, views),
            SeriesDescription = "Bone scan key image",
            SeriesNumber = options.KeyImageSeriesNumber,
            Manufacturer = options.Manufacturer,
            SoftwareVersion = $"{observer.AlgorithmName} {observer.AlgorithmVersion}",
            CreationTime = producedAt,
            SopInstanceUid = uids.KeyImageInstance,
            SeriesInstanceUid = uids.KeyImageSeries,
        };
    }

    /// <summary>The key image's legend (Derivation Description, 1024 characters at most): what each colour and shape means,
    /// and how many resolved lesions could not be placed because the comparison has no mapped position for them.</summary>
    private static string Legend(BoneScanFindings findings, BoneScanSourceViews views)
    {
        const string plain = "Whole-body views windowed to the patient's normal bone; red rings: lesions counted; yellow crosses: foci excluded";
        if (findings.Comparison is not { } comparison) return plain;
        var image = views.ImageOf((views.Anterior ?? views.Posterior)!);
        var unplaced = ResolvedLesions(comparison).Count(r => !TryExpectedPixel(r, image, out _, out _));
        var text = "Whole-body views windowed to the patient's normal bone; red rings: new lesions; yellow rings: persistent lesions; "
            + "grey dashed rings: resolved lesions where the prior lesion maps to; yellow crosses: foci excluded"
            + string.Create(CultureInfo.InvariantCulture, $"; compared with the scan of {comparison.PriorDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "an undated prior"}")
            + (unplaced > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unplaced} resolved lesion(s) not shown (no mapped position)") : "");
        return text.Length <= 1024 ? text : text[..1024];
    }

    /// <summary>The comparison row of current lesion <paramref name="id"/>, if the findings carry a comparison.</summary>
    private static LesionComparison? ChangeOf(BoneScanComparison? comparison, string id) =>
        comparison?.Lesions?.FirstOrDefault(r => r is not null && r.Status != LesionChange.Resolved && string.Equals(r.Id, id, StringComparison.Ordinal));

    private static IEnumerable<LesionComparison> ResolvedLesions(BoneScanComparison? comparison) =>
        (comparison?.Lesions ?? []).Where(r => r is not null && r.Status == LesionChange.Resolved);

    /// <summary>The prior lesion's position mapped into the current anterior frame, when the comparison has it and it lies
    /// inside the frame.</summary>
    private static bool TryExpectedPixel(LesionComparison resolved, SourceImage image, out int x, out int y)
    {
        x = y = 0;
        if (resolved.ExpectedX is not { } ex || resolved.ExpectedY is not { } ey || !double.IsFinite(ex) || !double.IsFinite(ey)) return false;
        var rx = Math.Round(ex, MidpointRounding.AwayFromZero);
        var ry = Math.Round(ey, MidpointRounding.AwayFromZero);
        if (rx < 0 || ry < 0 || rx >= image.Columns || ry >= image.Rows) return false;
        (x, y) = ((int)rx, (int)ry);
        return true;
    }

    /// <summary>One TID 1501 group per resolved prior lesion: no ROI (nothing is there any more), the prior's tracking UID so
    /// a receiver closes the lesion's track, its prior region as finding site, and a "resolved" evaluation.</summary>
    private static IEnumerable<LesionMeasurementGroup> ResolvedGroups(BoneScanComparison? comparison, string seriesUid)
    {
        var index = 0;
        foreach (var gone in ResolvedLesions(comparison))
        {
            index++;
            var priorId = string.IsNullOrWhiteSpace(gone.PriorId) ? index.ToString(CultureInfo.InvariantCulture) : gone.PriorId.Trim();
            var uid = DicomUidFactory.IsValid(gone.TrackingUid)
                ? gone.TrackingUid!
                : BoneScanResultUids.LesionTrackingUid(comparison!.PriorSeriesInstanceUid is { } prior && DicomUidFactory.IsValid(prior) ? prior : seriesUid, priorId);
            var measurements = new List<Measurement>(1);
            if (gone.PriorPeakRatio is { } priorPeak && double.IsFinite(priorPeak))
                measurements.Add(new Measurement(ReportCodes.PeakRatioToNormalBone, Round(priorPeak, 3), ReportCodes.Units.Ratio));
            var identifier = $"Resolved lesion {priorId} of prior";
            yield return new LesionMeasurementGroup(identifier.Length <= 64 ? identifier : identifier[..64], uid, ReportCodes.Lesion,
                gone.PriorRegion is { } region ? SkeletalRegionCodes.For(region.Key()) : null, null, null, [])
            {
                Evaluations = [QualitativeEvaluation.Coded(ReportCodes.ChangeSincePrior, ReportCodes.ResolvedLesion)],
            };
        }
    }

    /// <summary>The comparison summary: the prior study by UID, the interval and counts in words, then each note (2+2,
    /// flare, alignment caveats) as its own text.</summary>
    private static IEnumerable<QualitativeEvaluation> ComparisonEvaluations(BoneScanComparison? comparison)
    {
        if (comparison is null) yield break;
        if (DicomUidFactory.IsValid(comparison.PriorStudyInstanceUid))
            yield return QualitativeEvaluation.Reference(ReportCodes.StudyInstanceUid, comparison.PriorStudyInstanceUid!);
        var date = comparison.PriorDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown date";
        var interval = comparison.IntervalDays is { } days ? string.Create(CultureInfo.InvariantCulture, $", {days} days earlier") : "";
        yield return QualitativeEvaluation.Textual(ReportCodes.ComparisonWithPrior, string.Create(CultureInfo.InvariantCulture,
            $"Prior scan of {date}{interval}: {comparison.PriorLesionCount} lesions then, {comparison.CurrentLesionCount} now; {comparison.NewCount} new, {comparison.PersistentCount} persistent, {comparison.ResolvedCount} resolved"));
        foreach (var note in comparison.Notes ?? [])
        {
            if (string.IsNullOrWhiteSpace(note)) continue;
            var text = note.Trim();
            yield return QualitativeEvaluation.Textual(ReportCodes.ComparisonWithPrior, text);
        }
    }

    /// <summary>The view a lesion's ROI goes on and its column there: the anterior frame as found; a posterior-only lesion
    /// on the posterior frame, its column un-mirrored (the findings hold it mirrored into the anterior frame).</summary>
    internal static (BoneScanViewFrame View, int Column) PlaceOnView(BoneScanLesion lesion, BoneScanSourceViews views)
    {
        var seenAnterior = lesion.Views is null || lesion.Views.Count == 0 || lesion.Views.Contains(BoneScanView.Anterior);
        (BoneScanViewFrame View, bool Posterior) choice = seenAnterior
            ? (views.Anterior ?? views.Posterior!, views.Anterior is null)
            : (views.Posterior ?? views.Anterior!, views.Posterior is not null);
        var image = views.ImageOf(choice.View);
        if (lesion.X < 0 || lesion.Y < 0 || lesion.X >= image.Columns || lesion.Y >= image.Rows)
            throw new ArgumentException($"Lesion {lesion.Id} at ({lesion.X}, {lesion.Y}) lies outside the {image.Columns} x {image.Rows} frame.", nameof(lesion));
        return (choice.View, choice.Posterior ? image.Columns - 1 - lesion.X : lesion.X);
    }

    /// <summary>Left or right for a lesion in a paired region, from its side of the spine line in the anterior frame (the
    /// patient's right on the image left); none for midline regions, lesions within 15 mm of the line, or without anchors.</summary>
    internal static CodedConcept? LateralityOf(BoneScanLesion lesion, AnatomicalAnchors? anchors, double spacingMm)
    {
        if (anchors is null || !double.IsFinite(anchors.SpineColumn)) return null;
        if (lesion.Region is not (SkeletalRegion.Ribs or SkeletalRegion.Shoulder or SkeletalRegion.Pelvis or SkeletalRegion.UpperLimbs or SkeletalRegion.LowerLimbs))
            return null;
        var offsetMm = (lesion.X - anchors.SpineColumn) * spacingMm;
        if (Math.Abs(offsetMm) < MidlineMm) return null;
        return offsetMm < 0 ? ReportCodes.Right : ReportCodes.Left;
    }

    /// <summary>Half the width of the sacrum and spine: nearer the line than this, a side is not claimed.</summary>
    private const double MidlineMm = 15;

    /// <summary>Radius in pixels of the circle with the lesion's area; at least half a pixel, at most the image.</summary>
    private static double RadiusPixels(double areaMm2, double spacingMm, SourceImage image)
    {
        var radius = double.IsFinite(areaMm2) && areaMm2 > 0 ? Math.Sqrt(areaMm2 / Math.PI) / spacingMm : 0.5;
        return Math.Clamp(Round(radius, 2), 0.5, Math.Max(image.Columns, image.Rows) / 2.0);
    }

    private static double PixelSpacingOf(BoneScanFindings findings, BoneScanSourceViews views)
    {
        if (findings.Qc?.PixelSpacingMm is { } qc && double.IsFinite(qc) && qc > 0) return qc;
        var ds = views.Files[(views.Anterior ?? views.Posterior)!.Source].Dataset;
        var spacing = ds.GetStrings(DicomTags.PixelSpacing);
        if (spacing.Length >= 2
            && double.TryParse(spacing[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var row)
            && double.TryParse(spacing[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var column)
            && row > 0 && column > 0 && double.IsFinite(row + column))
            return (row + column) / 2;
        // What the analysis assumes too (BoneScanOptions): a typical whole-body matrix.
        return 2.26;
    }

    private static RenderOptions? WindowFor(double? normalBone, BoneScanReportOptions options)
    {
        if (normalBone is not { } nb || !double.IsFinite(nb) || nb <= 0) return null;
        var top = nb * options.WhiteAtNormalBoneMultiple;
        // A LINEAR window needs a width of at least 1: a very faint scan keeps the percentile window.
        if (!double.IsFinite(top) || top < 1) return null;
        return new RenderOptions { Window = new VoiWindow(top / 2, top), ForceAutoWindow = false };
    }

    /// <summary>The lesions; a findings document read from JSON may lack the list.</summary>
    private static IReadOnlyList<BoneScanLesion> LesionsOf(BoneScanFindings findings) => findings.Lesions ?? [];

    private static ObserverIdentification Observer(BoneScanFindings findings, BoneScanReportOptions options) =>
        new(findings.Analyzer, findings.AnalyzerVersion, options.DeviceObserverUid, options.Manufacturer);

    private static string SeriesUidOf(BoneScanFindings findings, BoneScanSourceViews views)
    {
        var uid = findings.SeriesInstanceUid ?? views.Images[0].SeriesInstanceUid;
        if (!DicomUidFactory.IsValid(uid)) throw new ArgumentException($"The findings' series UID '{uid}' is not valid.", nameof(findings));
        return uid;
    }

    /// <summary>The counts group's tracking UID persists across a patient's timepoints: derived from the patient when the
    /// header names one, else from the series.</summary>
    private static string SummaryTrackingUid(BoneScanSourceViews views, string seriesUid)
    {
        var ds = views.Files[0].Dataset;
        var patient = ds.GetSingleString(DicomTags.PatientID);
        return string.IsNullOrWhiteSpace(patient)
            ? DicomUidFactory.FromName("imaging-results", "lesion-counts", "series", seriesUid)
            : DicomUidFactory.FromName("imaging-results", "lesion-counts", "patient", ds.GetSingleString(DicomTags.IssuerOfPatientID) ?? "", patient.Trim());
    }

    private static string TrackingIdentifier(string id)
    {
        var text = string.IsNullOrWhiteSpace(id) ? "Lesion" : $"Lesion {id.Trim()}";
        return text.Length <= 64 ? text : text[..64];
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
