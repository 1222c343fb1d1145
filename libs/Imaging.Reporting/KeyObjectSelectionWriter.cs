using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using static Imaging.Reporting.SrContentItems;

namespace Imaging.Reporting;

/// <summary>Writes a Key Object Selection document (PS3.3 A.35.4, TID 2010) flagging the key images (and the report)
/// "Of Interest", so a PACS shows them first.</summary>
public static class KeyObjectSelectionWriter
{
    public static string SopClassUid => DicomUids.KeyObjectSelectionDocumentStorage.Uid;

    private static readonly CodedConcept OfInterest = new("113000", "DCM", "Of Interest");
    private static readonly CodedConcept KeyObjectDescription = new("113012", "DCM", "Key Object Description");

    /// <summary>Builds the document in a new KO series of <paramref name="source"/>'s study (instance and series UIDs the
    /// caller's when given, else new random ones).</summary>
    public static DicomDataset Build(IReadOnlyList<InstanceReference> selected, DicomDataset source, string description, ObserverIdentification observer,
        int seriesNumber = 9003, DateTimeOffset? creationTime = null, string? sopInstanceUid = null, string? seriesInstanceUid = null)
    {
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (selected.Count == 0) throw new ArgumentException("A Key Object Selection needs at least one instance.", nameof(selected));
        foreach (var r in selected)
        {
            if (r is null || !DicomUidFactory.IsValid(r.SopClassUid) || !DicomUidFactory.IsValid(r.SopInstanceUid) || !DicomUidFactory.IsValid(r.SeriesInstanceUid))
                throw new ArgumentException($"Reference {r} has an invalid UID.", nameof(selected));
        }
        var ds = DerivedInstanceHeader.Create(source, SopClassUid, "KO", seriesNumber, "Key objects", creationTime ?? DateTimeOffset.Now,
            observer.Manufacturer, $"{observer.AlgorithmName} {observer.AlgorithmVersion}", sopInstanceUid, seriesInstanceUid);
        ds.Set(new DicomSequence(DicomTags.ReferencedPerformedProcedureStepSequence));
        ds.Set(EvidenceSequence.Build(source.GetSingleString(DicomTags.StudyInstanceUID)!, selected));
        ds.SetString(DicomTags.ValueType, DicomVR.CS, "CONTAINER");
        ds.Set(CodeSequence(DicomTags.ConceptNameCodeSequence, OfInterest));
        ds.SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        var template = new DicomDataset();
        template.SetString(DicomTags.MappingResource, DicomVR.CS, "DCMR");
        template.SetString(DicomTags.TemplateIdentifier, DicomVR.CS, "2010");
        ds.Set(new DicomSequence(DicomTags.ContentTemplateSequence, [template]));

        var children = new List<DicomDataset>
        {
            Code(HasObsContext, ReportCodes.ObserverType, ReportCodes.Device),
            UidRef(HasObsContext, ReportCodes.DeviceObserverUid, observer.DeviceUid),
            Text(HasObsContext, ReportCodes.DeviceObserverName, observer.AlgorithmName),
            Text(Contains, KeyObjectDescription, description),
        };
        children.AddRange(selected.Select(r => r.IsImage
            ? Image(Contains, null, r.SopClassUid, r.SopInstanceUid, null)
            : Composite(r)));
        ds.Set(new DicomSequence(DicomTags.ContentSequence, children));
        return ds;
    }

    public static DicomFile ToFile(DicomDataset document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DicomFile(new DicomDataset(), document, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    public static async Task<DicomDataset> WriteAsync(string path, IReadOnlyList<InstanceReference> selected, DicomDataset source, string description,
        ObserverIdentification observer, CancellationToken cancellationToken = default)
    {
        var document = Build(selected, source, description, observer);
        await Part10Output.WriteAsync(path, ToFile(document), cancellationToken).ConfigureAwait(false);
        return document;
    }

    private static DicomDataset Composite(InstanceReference r)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.RelationshipType, DicomVR.CS, Contains);
        item.SetString(DicomTags.ValueType, DicomVR.CS, "COMPOSITE");
        var reference = new DicomDataset();
        reference.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, r.SopClassUid);
        reference.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, r.SopInstanceUid);
        item.Set(new DicomSequence(DicomTags.ReferencedSOPSequence, [reference]));
        return item;
    }
}
