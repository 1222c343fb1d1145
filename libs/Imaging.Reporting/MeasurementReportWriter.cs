using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using static Imaging.Reporting.SrContentItems;

namespace Imaging.Reporting;

/// <summary>Writes a TID 1500 "Imaging Measurement Report" as a Comprehensive SR instance (README: why not Comprehensive 3D SR).</summary>
public static class MeasurementReportWriter
{
    /// <summary>Comprehensive SR Storage: SCOORD (2D image coordinates) is all a planar bone scan can carry.</summary>
    public static string SopClassUid => DicomUids.ComprehensiveSRStorage.Uid;

    /// <summary>Comprehensive 3D SR Storage: used when a group carries a patient-space point (SCOORD3D), which the
    /// Comprehensive SR IOD does not allow.</summary>
    public static string SopClassUid3D => DicomUids.Comprehensive3DSRStorage.Uid;

    /// <summary>Builds the SR dataset: patient and study from <paramref name="source"/> (one instance of the analysed
    /// study), a new SR series, the content tree from <paramref name="content"/>.</summary>
    /// <exception cref="ArgumentException">The content is inconsistent (an ROI on an image not listed, a bad UID, a
    /// repeated tracking identity).</exception>
    public static DicomDataset Build(MeasurementReportContent content, DicomDataset source)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        Validate(content);
        var now = content.ObservationTime ?? DateTimeOffset.Now;
        var sopClass = content.Lesions.Any(l => l.Point is not null) ? SopClassUid3D : SopClassUid;
        var ds = DerivedInstanceHeader.Create(source, sopClass, "SR", content.SeriesNumber, content.SeriesDescription, now,
            content.Observer.Manufacturer, $"{content.Observer.AlgorithmName} {content.Observer.AlgorithmVersion}", content.SopInstanceUid, content.SeriesInstanceUid);

        // SR Document Series: Type 2, empty when no performed procedure step was involved.
        ds.Set(new DicomSequence(DicomTags.ReferencedPerformedProcedureStepSequence));
        // SR Document General.
        ds.SetString(DicomTags.CompletionFlag, DicomVR.CS, "COMPLETE");
        ds.SetString(DicomTags.VerificationFlag, DicomVR.CS, "UNVERIFIED");
        ds.Set(new DicomSequence(DicomTags.PerformedProcedureCodeSequence));
        ds.Set(EvidenceSequence.Build(source.GetSingleString(DicomTags.StudyInstanceUID)!,
            content.SourceImages.Select(i => new InstanceReference(i.SopClassUid, i.SopInstanceUid, i.SeriesInstanceUid))));

        // SOP Common: a private ("99") coding scheme is declared so a receiver can tell whose codes they are (PS3.3 C.12.1.1.2).
        ds.Set(new DicomSequence(DicomTags.CodingSchemeIdentificationSequence, [PrivateSchemeIdentification(content.Observer.Manufacturer)]));

        // SR Document Content: the root CONTAINER, its template and its tree.
        ds.SetString(DicomTags.ValueType, DicomVR.CS, "CONTAINER");
        ds.Set(CodeSequence(DicomTags.ConceptNameCodeSequence, ReportCodes.ImagingMeasurementReport));
        ds.SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        var template = new DicomDataset();
        template.SetString(DicomTags.MappingResource, DicomVR.CS, "DCMR");
        template.SetString(DicomTags.TemplateIdentifier, DicomVR.CS, "1500");
        ds.Set(new DicomSequence(DicomTags.ContentTemplateSequence, [template]));
        ds.Set(new DicomSequence(DicomTags.ContentSequence, RootChildren(content)));
        return ds;
    }

    /// <summary>The report as a Part 10 file in Explicit VR Little Endian.</summary>
    public static DicomFile ToFile(DicomDataset report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DicomFile(new DicomDataset(), report, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>Builds the report and writes it to <paramref name="path"/>; returns the dataset written.</summary>
    public static async Task<DicomDataset> WriteAsync(string path, MeasurementReportContent content, DicomDataset source, CancellationToken cancellationToken = default)
    {
        var report = Build(content, source);
        await Part10Output.WriteAsync(path, ToFile(report), cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static DicomDataset PrivateSchemeIdentification(string manufacturer)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, ReportCodes.PrivateScheme);
        item.SetString(DicomTags.CodingSchemeName, DicomVR.ST, "Imaging pipeline local codes (bone-scan and spine analyses)");
        item.SetString(DicomTags.CodingSchemeResponsibleOrganization, DicomVR.ST, manufacturer);
        return item;
    }

    private static IEnumerable<DicomDataset> RootChildren(MeasurementReportContent content)
    {
        var observer = content.Observer;
        // TID 1204 language, TID 1001/1002/1004 device observer, procedure reported.
        yield return Code(HasConceptMod, ReportCodes.LanguageOfContent, ReportCodes.EnglishUnitedStates);
        yield return Code(HasObsContext, ReportCodes.ObserverType, ReportCodes.Device);
        yield return UidRef(HasObsContext, ReportCodes.DeviceObserverUid, observer.DeviceUid);
        yield return Text(HasObsContext, ReportCodes.DeviceObserverName, observer.AlgorithmName);
        yield return Text(HasObsContext, ReportCodes.DeviceObserverManufacturer, observer.Manufacturer);
        yield return Code(HasConceptMod, ReportCodes.ProcedureReported, content.Procedure);

        // TID 1600: one group, since all images come from the one analysed acquisition.
        var images = content.SourceImages.Select(i => Image(Contains, null, i.SopClassUid, i.SopInstanceUid, null));
        yield return Container(Contains, ReportCodes.ImageLibrary, [Container(Contains, ReportCodes.ImageLibraryGroup, images)]);

        var groups = content.Lesions.Select(l => LesionGroup(l, observer)).ToList();
        if (content.Summary.Count > 0) groups.Add(SummaryGroup(content));
        yield return Container(Contains, ReportCodes.ImagingMeasurements, groups);

        if (content.QualitativeEvaluations.Count > 0)
        {
            var evaluations = content.QualitativeEvaluations.Select(EvaluationItem);
            yield return Container(Contains, ReportCodes.QualitativeEvaluations, evaluations);
        }
    }

    /// <summary>TID 1410 Planar ROI Measurements and Qualitative Evaluations.</summary>
    private static DicomDataset LesionGroup(LesionMeasurementGroup lesion, ObserverIdentification observer)
    {
        var children = new List<DicomDataset>
        {
            Text(HasObsContext, ReportCodes.TrackingIdentifier, lesion.TrackingIdentifier),
            UidRef(HasObsContext, ReportCodes.TrackingUniqueIdentifier, lesion.TrackingUid),
            Code(HasConceptMod, ReportCodes.Finding, lesion.Finding),
        };
        if (lesion.FindingSite is { } site)
        {
            var laterality = lesion.Laterality is { } l ? new[] { Code(HasConceptMod, ReportCodes.Laterality, l) } : null;
            children.Add(Code(HasConceptMod, ReportCodes.FindingSite, site, laterality));
        }
        children.AddRange(AlgorithmIdentification(observer));
        if (lesion.Region is { } region) children.Add(RegionItem(region));
        if (lesion.Point is { } point)
            children.Add(Scoord3D(Contains, point.Concept, "POINT", [(float)point.X, (float)point.Y, (float)point.Z], point.FrameOfReferenceUid));
        children.AddRange(lesion.Measurements.Select(MeasurementItem));
        children.AddRange(lesion.Evaluations.Select(EvaluationItem));
        return Container(Contains, ReportCodes.MeasurementGroup, children);
    }

    /// <summary>TID 1501 Measurement and Qualitative Evaluation Group: study-level counts that no single ROI owns.</summary>
    private static DicomDataset SummaryGroup(MeasurementReportContent content)
    {
        var children = new List<DicomDataset> { Text(HasObsContext, ReportCodes.TrackingIdentifier, content.SummaryTrackingIdentifier) };
        if (content.SummaryTrackingUid is { } uid) children.Add(UidRef(HasObsContext, ReportCodes.TrackingUniqueIdentifier, uid));
        children.Add(Code(HasConceptMod, ReportCodes.Finding, content.SummaryFinding ?? ReportCodes.Lesion));
        children.AddRange(AlgorithmIdentification(content.Observer));
        children.AddRange(content.Summary.Select(MeasurementItem));
        return Container(Contains, ReportCodes.MeasurementGroup, children);
    }

    /// <summary>TID 4019 Algorithm Identification, as a concept modifier of the group.</summary>
    private static IEnumerable<DicomDataset> AlgorithmIdentification(ObserverIdentification observer)
    {
        yield return Text(HasConceptMod, ReportCodes.AlgorithmName, observer.AlgorithmName);
        yield return Text(HasConceptMod, ReportCodes.AlgorithmVersion, observer.AlgorithmVersion);
    }

    private static DicomDataset EvaluationItem(QualitativeEvaluation q) =>
        q.Code is { } code ? Code(Contains, q.Concept, code)
        : q.Uid is { } uid ? UidRef(Contains, q.Concept, uid)
        : Text(Contains, q.Concept, q.Text!);

    /// <summary>TID 300 Measurement: the finding site, when given, post-coordinates the concept.</summary>
    private static DicomDataset MeasurementItem(Measurement m)
    {
        var modifiers = m.FindingSite is { } site ? new[] { Code(HasConceptMod, ReportCodes.FindingSite, site) } : null;
        return Num(Contains, m.Concept, m.Value, m.Unit, modifiers);
    }

    private static DicomDataset RegionItem(PlanarRegion region)
    {
        var (type, points) = region.Shape switch
        {
            RegionShape.Point => ("POINT", region.Points),
            RegionShape.Circle => ("CIRCLE", region.Points),
            // A closed POLYLINE repeats its first vertex (PS3.3 C.18.6.1.2).
            _ => ("POLYLINE", region.Points.Append(region.Points[0]).ToList()),
        };
        var data = new float[points.Count * 2];
        for (var i = 0; i < points.Count; i++)
        {
            data[2 * i] = (float)points[i].Column;
            data[2 * i + 1] = (float)points[i].Row;
        }
        var image = Image(SelectedFrom, null, region.Image.SopClassUid, region.Image.SopInstanceUid, [region.FrameNumber]);
        return Scoord(Contains, ReportCodes.ImageRegion, type, data, image);
    }

    private static void Validate(MeasurementReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content.Observer);
        ArgumentNullException.ThrowIfNull(content.Procedure);
        RequireText(content.Observer.AlgorithmName, "Algorithm Name");
        RequireText(content.Observer.AlgorithmVersion, "Algorithm Version");
        RequireText(content.Observer.Manufacturer, "Manufacturer");
        RequireUid(content.Observer.DeviceUid, "Device Observer UID");
        if (content.SourceImages is not { Count: > 0 }) throw new ArgumentException("A measurement report needs at least one source image.", nameof(content));
        var sops = new Dictionary<string, SourceImage>(StringComparer.Ordinal);
        foreach (var image in content.SourceImages)
        {
            ArgumentNullException.ThrowIfNull(image);
            RequireUid(image.SopClassUid, "SOP Class UID");
            RequireUid(image.SopInstanceUid, "SOP Instance UID");
            RequireUid(image.SeriesInstanceUid, "Series Instance UID");
            if (!sops.TryAdd(image.SopInstanceUid, image)) throw new ArgumentException($"Source image {image.SopInstanceUid} is listed twice.", nameof(content));
        }
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lesion in content.Lesions)
        {
            ArgumentNullException.ThrowIfNull(lesion);
            ArgumentNullException.ThrowIfNull(lesion.Finding);
            RequireText(lesion.TrackingIdentifier, "Tracking Identifier");
            RequireUid(lesion.TrackingUid, "Tracking Unique Identifier");
            if (!identifiers.Add(lesion.TrackingIdentifier)) throw new ArgumentException($"Tracking Identifier '{lesion.TrackingIdentifier}' is used twice.", nameof(content));
            if (!uids.Add(lesion.TrackingUid)) throw new ArgumentException($"Tracking UID {lesion.TrackingUid} is used twice.", nameof(content));
            if (lesion.Region is { } region && (!sops.TryGetValue(region.Image.SopInstanceUid, out var listed) || listed != region.Image))
                throw new ArgumentException($"Lesion '{lesion.TrackingIdentifier}' lies on image {lesion.Region!.Image.SopInstanceUid}, which is not among the source images.", nameof(content));
            if (lesion.Measurements is null || lesion.Measurements.Any(m => m is null)) throw new ArgumentException($"Lesion '{lesion.TrackingIdentifier}' has a missing measurement.", nameof(content));
            if (lesion.Evaluations is null || lesion.Evaluations.Any(q => q is null)) throw new ArgumentException($"Lesion '{lesion.TrackingIdentifier}' has a missing evaluation.", nameof(content));
            foreach (var uidEvaluation in lesion.Evaluations.Where(q => q.Uid is not null)) RequireUid(uidEvaluation.Uid, "referenced UID");
            if (lesion.Point is { } point)
            {
                ArgumentNullException.ThrowIfNull(point.Concept, nameof(content));
                RequireUid(point.FrameOfReferenceUid, "Referenced Frame of Reference UID");
                // FL holds the coordinates: a value beyond its range would be written as infinity.
                if (!new[] { point.X, point.Y, point.Z }.All(v => double.IsFinite(v) && Math.Abs(v) < 1e30))
                    throw new ArgumentException($"The point of '{lesion.TrackingIdentifier}' is not finite.", nameof(content));
            }
        }
        if (content.Summary is null || content.Summary.Any(m => m is null)) throw new ArgumentException("The summary has a missing measurement.", nameof(content));
        if (content.Summary.Count > 0) RequireText(content.SummaryTrackingIdentifier, "summary Tracking Identifier");
        if (content.SummaryTrackingUid is { } summaryUid)
        {
            RequireUid(summaryUid, "summary Tracking Unique Identifier");
            if (uids.Contains(summaryUid)) throw new ArgumentException($"Tracking UID {summaryUid} is used twice.", nameof(content));
        }
        if (content.QualitativeEvaluations is null || content.QualitativeEvaluations.Any(q => q is null)) throw new ArgumentException("A qualitative evaluation is missing.", nameof(content));
        foreach (var uidEvaluation in content.QualitativeEvaluations.Where(q => q.Uid is not null)) RequireUid(uidEvaluation.Uid, "referenced UID");
        if (content.SeriesNumber < 0) throw new ArgumentException("Series Number must not be negative.", nameof(content));
    }

    private static void RequireText(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{what} is empty.");
        if (value.Length > 64) throw new ArgumentException($"{what} '{value}' is longer than 64 characters.");
    }

    private static void RequireUid(string? value, string what)
    {
        if (!DicomUidFactory.IsValid(value)) throw new ArgumentException($"{what} '{value}' is not a valid UID.");
    }
}
