using System.Globalization;
using Imaging.Analysis.Spine;
using Imaging.Analysis.Spine.Comparison;
using Imaging.Analysis.Spine.Volume;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;
using Imaging.Dicom.IO;

namespace Imaging.Reporting.Spine;

/// <summary>Maps spine findings (libs/Imaging.Analysis/Spine) onto the TID 1500 report (one measurement group per
/// level), the sagittal key image and the key object selection (README: the mapping table).</summary>
public static class SpineReportBuilder
{
    /// <summary>Text of the key object selection.</summary>
    public const string KeyObjectDescription = "Spine: vertebral levels measured by automated analysis";

    /// <summary>Whether <paramref name="findings"/> measured any level, i.e. whether there is anything to report.</summary>
    public static bool CanReport(SpineFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Vertebrae is { Count: > 0 } levels && levels.Any(v => v is not null && !string.IsNullOrWhiteSpace(v.Level));
    }

    /// <summary>Builds the report, the key image and the key object selection of <paramref name="findings"/> computed on
    /// the instances <paramref name="sources"/> (the volume is loaded again from them for the reformat), with UIDs derived
    /// from the findings' series, analyzer version and <paramref name="readyVersion"/> and every date and time from
    /// <paramref name="producedAt"/>: the same inputs give the same objects.</summary>
    /// <exception cref="ArgumentException">The findings are not reportable or the sources hold no usable volume.</exception>
    /// <exception cref="PixelDataException">The key image cannot be made.</exception>
    public static async Task<SpineReportSet> BuildAsync(SpineFindings findings, IReadOnlyList<DicomFile> sources, int readyVersion, DateTimeOffset producedAt,
        SpineReportOptions? options = null, PixelCodecRegistry? codecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        options ??= SpineReportOptions.Default;
        if (!CanReport(findings)) throw new ArgumentException("Findings without measured levels are not reported.", nameof(findings));
        var series = SpineSourceSeries.Describe(sources);
        var seriesUid = SeriesUidOf(findings, series);
        var uids = SpineResultUids.For(seriesUid, findings.Analyzer, findings.AnalyzerVersion, readyVersion);

        CtVolume volume;
        try
        {
            volume = await CtVolumeLoader.LoadAsync(series.ToSeriesInput(cancellationToken), codecs ?? PixelCodecRegistry.Default, null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CtVolumeException ex)
        {
            throw new ArgumentException($"The source instances give no volume for the key image: {ex.Message}", nameof(sources), ex);
        }
        var reformat = SagittalReformat.Create(volume, findings.Vertebrae, cancellationToken);
        return Build(findings, series, reformat, uids, producedAt, options);
    }

    /// <summary>As <see cref="BuildAsync"/> with the series described and the reformat made by the caller.</summary>
    public static SpineReportSet Build(SpineFindings findings, SpineSourceSeries series, SagittalReformat reformat, SpineResultUids uids,
        DateTimeOffset producedAt, SpineReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= SpineReportOptions.Default;
        var head = series.Files[0].Dataset;
        var report = MeasurementReportWriter.Build(ReportContent(findings, series, uids, producedAt, options), head);
        var keyImage = SpineKeyImage.Build(reformat, findings, series, uids, producedAt, options);
        var selected = new List<InstanceReference> { InstanceReference.Of(keyImage), InstanceReference.Of(report) };
        selected.AddRange(KeySlices(findings, series, options).Select(i =>
            new InstanceReference(series.Images[i].SopClassUid, series.Images[i].SopInstanceUid, series.Images[i].SeriesInstanceUid)));
        var keyObjects = KeyObjectSelectionWriter.Build(selected, head, KeyObjectDescription, Observer(findings, options),
            options.KeyObjectSeriesNumber, producedAt, uids.KeyObjectsInstance, uids.KeyObjectsSeries);
        return new SpineReportSet(report, keyImage, keyObjects);
    }

    /// <summary>The TID 1500 content: one group per measured level (tracking identifier = the level, tracking UID, finding
    /// site = the vertebra, heights, reference, loss, volume, the centroid as a SCOORD3D point, Genant grade, fracture type,
    /// cement, flag, and the change since the prior when compared), one group per level only the prior had, a summary
    /// group of counts, and the label confidence, method, flagged levels, warnings and comparison as evaluations.</summary>
    public static MeasurementReportContent ReportContent(SpineFindings findings, SpineSourceSeries series, SpineResultUids uids, DateTimeOffset producedAt,
        SpineReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(uids);
        options ??= SpineReportOptions.Default;
        if (!CanReport(findings)) throw new ArgumentException("Findings without measured levels are not reported.", nameof(findings));
        var seriesUid = SeriesUidOf(findings, series);
        var comparison = findings.Comparison;
        var groups = new List<LesionMeasurementGroup>(findings.Vertebrae.Count);
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var trackingUids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var level in findings.Vertebrae)
        {
            if (level is null || string.IsNullOrWhiteSpace(level.Level)) continue;
            var name = Identifier(level.Level);
            if (!identifiers.Add(name)) continue;
            var trackingUid = TrackingUid(level.TrackingUid, seriesUid, name, trackingUids);
            var measurements = new List<Measurement>(10);
            AddNumber(measurements, SpineReportCodes.AnteriorHeight, level.AnteriorHeightMm, ReportCodes.Units.Millimeter);
            AddNumber(measurements, SpineReportCodes.MiddleHeight, level.MiddleHeightMm, ReportCodes.Units.Millimeter);
            AddNumber(measurements, SpineReportCodes.PosteriorHeight, level.PosteriorHeightMm, ReportCodes.Units.Millimeter);
            AddNumber(measurements, SpineReportCodes.ReferenceHeight, level.ReferenceHeightMm, ReportCodes.Units.Millimeter);
            AddNumber(measurements, SpineReportCodes.HeightLoss, level.HeightLossPercent, ReportCodes.Units.Percent);
            AddNumber(measurements, SpineReportCodes.BodyVolume, level.VolumeMl, SpineReportCodes.Milliliter);
            var evaluations = new List<QualitativeEvaluation>(6);
            if (level.GenantGrade is >= 0 and <= 3)
                evaluations.Add(QualitativeEvaluation.Coded(SpineReportCodes.GenantGradeConcept, SpineReportCodes.GenantGrade(level.GenantGrade)));
            if (TryFractureType(level.FractureType) is { } type) evaluations.Add(QualitativeEvaluation.Coded(SpineReportCodes.FractureTypeConcept, type));
            evaluations.Add(QualitativeEvaluation.Coded(SpineReportCodes.CementPresent, level.Cement ? SpineReportCodes.Yes : SpineReportCodes.No));
            evaluations.Add(QualitativeEvaluation.Coded(SpineReportCodes.FlaggedLevel, level.GenantGrade >= 1 ? SpineReportCodes.Yes : SpineReportCodes.No));
            if (ChangeOf(comparison, name) is { } change) AddChange(change, measurements, evaluations);
            groups.Add(new LesionMeasurementGroup(name, trackingUid, SpineReportCodes.VertebralBody, VertebraCodes.For(name), null, null, measurements)
            {
                Evaluations = evaluations,
                Point = PointOf(level, series.FrameOfReferenceUid),
            });
        }

        // Levels the prior had and this study does not show keep their tracking identity, so a reader sees them gone.
        foreach (var gone in comparison?.Levels ?? [])
        {
            if (gone is null || string.IsNullOrWhiteSpace(gone.Level) || !IsStatus(gone.Status, "only-prior")) continue;
            var name = Identifier(gone.Level);
            if (!identifiers.Add(name)) continue;
            var trackingUid = TrackingUid(gone.TrackingUid, comparison!.PriorSeriesInstanceUid is { } prior && DicomUidFactory.IsValid(prior) ? prior : seriesUid,
                name, trackingUids);
            var measurements = new List<Measurement>(1);
            if (gone.PriorGenantGrade is { } priorGrade) AddNumber(measurements, SpineReportCodes.PriorGenantGrade, priorGrade, ReportCodes.Units.NoUnits);
            groups.Add(new LesionMeasurementGroup(name, trackingUid, SpineReportCodes.VertebralBody, VertebraCodes.For(name), null, null, measurements)
            {
                Evaluations = [QualitativeEvaluation.Coded(SpineReportCodes.ChangeSincePrior, SpineReportCodes.ChangeStatus("only-prior"))],
            });
        }

        var measured = findings.Vertebrae.Where(v => v is not null && !string.IsNullOrWhiteSpace(v.Level)).ToList();
        var summary = new List<Measurement>
        {
            new(SpineReportCodes.NumberOfLevels, measured.Count, SpineReportCodes.Levels),
            new(SpineReportCodes.NumberOfFlaggedLevels, measured.Count(v => v.GenantGrade >= 1), SpineReportCodes.Levels),
            new(SpineReportCodes.NumberOfCementedLevels, measured.Count(v => v.Cement), SpineReportCodes.Levels),
        };
        if (comparison is not null)
        {
            summary.Add(new Measurement(SpineReportCodes.NumberOfNewFractures, comparison.NewFractureLevels?.Count ?? 0, SpineReportCodes.Levels));
            summary.Add(new Measurement(SpineReportCodes.NumberOfProgressedLevels, comparison.ProgressedLevels?.Count ?? 0, SpineReportCodes.Levels));
            summary.Add(new Measurement(SpineReportCodes.NumberOfCementAddedLevels, comparison.CementAddedLevels?.Count ?? 0, SpineReportCodes.Levels));
        }

        var evaluationsOfStudy = new List<QualitativeEvaluation>
        {
            QualitativeEvaluation.Coded(SpineReportCodes.LabelConfidence,
                string.Equals(findings.LabelConfidence?.Trim(), "high", StringComparison.OrdinalIgnoreCase) ? SpineReportCodes.High : SpineReportCodes.Low),
        };
        if (!string.IsNullOrWhiteSpace(findings.Method)) evaluationsOfStudy.Add(QualitativeEvaluation.Textual(SpineReportCodes.Method, findings.Method.Trim()));
        var flagged = (findings.FlaggedLevels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        evaluationsOfStudy.Add(QualitativeEvaluation.Textual(SpineReportCodes.FlaggedLevels, flagged.Count > 0 ? string.Join(", ", flagged) : "none"));
        foreach (var warning in findings.Warnings ?? [])
        {
            if (warning is null || string.IsNullOrWhiteSpace(warning.Message) && string.IsNullOrWhiteSpace(warning.Code)) continue;
            evaluationsOfStudy.Add(QualitativeEvaluation.Textual(ReportCodes.QualityWarning, $"{warning.Code?.Trim()}: {warning.Message?.Trim()}".Trim(' ', ':')));
        }
        evaluationsOfStudy.AddRange(ComparisonEvaluations(comparison));

        return new MeasurementReportContent
        {
            Observer = Observer(findings, options),
            Procedure = options.Procedure,
            SourceImages = series.Images,
            Lesions = groups,
            Summary = summary,
            SummaryTrackingIdentifier = "Spine summary",
            SummaryTrackingUid = SummaryTrackingUid(series, seriesUid),
            SummaryFinding = SpineReportCodes.VertebralBody,
            QualitativeEvaluations = evaluationsOfStudy,
            SeriesDescription = "Spine vertebral fracture report",
            SeriesNumber = options.ReportSeriesNumber,
            ObservationTime = producedAt,
            SopInstanceUid = uids.ReportInstance,
            SeriesInstanceUid = uids.ReportSeries,
        };
    }

    /// <summary>Indices (into the series) of the slices through the flagged levels' centroids, cranial first, each once.</summary>
    public static IReadOnlyList<int> KeySlices(SpineFindings findings, SpineSourceSeries series, SpineReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(series);
        options ??= SpineReportOptions.Default;
        var slices = new List<int>();
        foreach (var level in findings.Vertebrae ?? [])
        {
            if (level is null || level.GenantGrade < 1 || level.CentroidMm is null) continue;
            if (series.NearestSlice(level.CentroidMm, options.KeySliceMaximumDistanceMm) is { } index && !slices.Contains(index)) slices.Add(index);
        }
        return slices;
    }

    private static void AddChange(VertebraChange change, List<Measurement> measurements, List<QualitativeEvaluation> evaluations)
    {
        if (TryStatus(change.Status) is { } status) evaluations.Add(QualitativeEvaluation.Coded(SpineReportCodes.ChangeSincePrior, status));
        if (change.MinimumHeightChangeMm is { } mm) AddNumber(measurements, SpineReportCodes.MinimumHeightChange, mm, ReportCodes.Units.Millimeter);
        if (change.MinimumHeightChangePercent is { } percent) AddNumber(measurements, SpineReportCodes.MinimumHeightChangePercent, percent, ReportCodes.Units.Percent);
        if (change.PriorGenantGrade is { } grade) AddNumber(measurements, SpineReportCodes.PriorGenantGrade, grade, ReportCodes.Units.NoUnits);
        if (change.CentroidDistanceMm is { } distance) AddNumber(measurements, SpineReportCodes.CentroidDistance, distance, ReportCodes.Units.Millimeter);
    }

    private static IEnumerable<QualitativeEvaluation> ComparisonEvaluations(SpineComparison? comparison)
    {
        if (comparison is null) yield break;
        if (comparison.PriorStudyInstanceUid is { } prior && DicomUidFactory.IsValid(prior))
            yield return QualitativeEvaluation.Reference(ReportCodes.StudyInstanceUid, prior);
        var date = comparison.PriorDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "an undated prior";
        var interval = comparison.IntervalDays is { } days ? string.Create(CultureInfo.InvariantCulture, $", {days} days before") : "";
        var alignment = comparison.Alignment is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"; levels matched by {a.Method} ({a.MatchedLevels} matched{(a.ResidualMm is { } r && double.IsFinite(r) ? $", residual {r:0.0} mm" : "")})")
            : "";
        string List(IReadOnlyList<string>? levels) => levels is { Count: > 0 } ? string.Join(", ", levels) : "none";
        yield return QualitativeEvaluation.Textual(ReportCodes.ComparisonWithPrior,
            $"Compared with the {comparison.PriorModality?.Trim() ?? "prior"} study of {date}{interval}{alignment}; new fractures: {List(comparison.NewFractureLevels)}; "
            + $"progressed: {List(comparison.ProgressedLevels)}; cement added: {List(comparison.CementAddedLevels)}");
        foreach (var note in comparison.Notes ?? [])
            if (!string.IsNullOrWhiteSpace(note)) yield return QualitativeEvaluation.Textual(ReportCodes.ComparisonWithPrior, note.Trim());
    }

    private static VertebraChange? ChangeOf(SpineComparison? comparison, string level) =>
        comparison?.Levels?.FirstOrDefault(c => c is not null && !IsStatus(c.Status, "only-prior")
            && string.Equals(c.Level?.Trim(), level, StringComparison.OrdinalIgnoreCase));

    private static bool IsStatus(string? status, string expected) => string.Equals(status?.Trim(), expected, StringComparison.OrdinalIgnoreCase);

    private static CodedConcept? TryStatus(string? status)
    {
        try
        {
            return SpineReportCodes.ChangeStatus(status ?? "");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static CodedConcept? TryFractureType(string? type)
    {
        try
        {
            return SpineReportCodes.FractureType(type ?? "");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The centroid as a SCOORD3D point, when the series has a Frame of Reference and the centroid is finite.</summary>
    private static SpatialPoint? PointOf(VertebraFindings level, string? frameOfReferenceUid)
    {
        if (frameOfReferenceUid is null || level.CentroidMm is not { Length: 3 } c || !c.All(v => double.IsFinite(v) && Math.Abs(v) < 1e6)) return null;
        return new SpatialPoint(SpineReportCodes.CenterOfMass, frameOfReferenceUid, Round(c[0], 2), Round(c[1], 2), Round(c[2], 2));
    }

    private static void AddNumber(List<Measurement> measurements, CodedConcept concept, double value, CodedConcept unit)
    {
        if (double.IsFinite(value)) measurements.Add(new Measurement(concept, Round(value, 2), unit));
    }

    /// <summary>The level's tracking UID: the findings' own when valid and not used yet, else derived from the series and
    /// the level (the same on every rebuild).</summary>
    private static string TrackingUid(string? given, string seriesUid, string level, HashSet<string> used)
    {
        var uid = DicomUidFactory.IsValid(given) && !used.Contains(given!) ? given! : SpineResultUids.LevelTrackingUid(seriesUid, level);
        if (!used.Add(uid)) throw new ArgumentException($"Level {level} has the tracking UID of another level.");
        return uid;
    }

    private static string Identifier(string level)
    {
        var text = level.Trim();
        return text.Length <= 64 ? text : text[..64];
    }

    private static ObserverIdentification Observer(SpineFindings findings, SpineReportOptions options) =>
        new(findings.Analyzer, findings.AnalyzerVersion, options.DeviceObserverUid, options.Manufacturer);

    private static string SeriesUidOf(SpineFindings findings, SpineSourceSeries series)
    {
        var uid = findings.SeriesInstanceUid ?? series.Images[0].SeriesInstanceUid;
        if (!DicomUidFactory.IsValid(uid)) throw new ArgumentException($"The findings' series UID '{uid}' is not valid.", nameof(findings));
        return uid;
    }

    /// <summary>The summary group's tracking UID persists across a patient's timepoints: from the patient when the header
    /// names one, else from the series.</summary>
    private static string SummaryTrackingUid(SpineSourceSeries series, string seriesUid)
    {
        var ds = series.Files[0].Dataset;
        var patient = ds.GetSingleString(DicomTags.PatientID);
        return string.IsNullOrWhiteSpace(patient)
            ? DicomUidFactory.FromName("imaging-results", "spine-summary", "series", seriesUid)
            : DicomUidFactory.FromName("imaging-results", "spine-summary", "patient", ds.GetSingleString(DicomTags.IssuerOfPatientID) ?? "", patient.Trim());
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
