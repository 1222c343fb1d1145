using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Reporting;

/// <summary>Builds SR content items (PS3.3 C.17.3: Document Relationship and Document Content macros) as sequence items.</summary>
internal static class SrContentItems
{
    public const string Contains = "CONTAINS";
    public const string HasObsContext = "HAS OBS CONTEXT";
    public const string HasConceptMod = "HAS CONCEPT MOD";
    public const string SelectedFrom = "SELECTED FROM";

    public static DicomDataset Container(string? relationship, CodedConcept concept, IEnumerable<DicomDataset> children)
    {
        var item = Item(relationship, "CONTAINER", concept);
        item.SetString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        AddChildren(item, children);
        return item;
    }

    public static DicomDataset Text(string relationship, CodedConcept concept, string value)
    {
        var item = Item(relationship, "TEXT", concept);
        item.SetString(DicomTags.TextValue, DicomVR.UT, value);
        return item;
    }

    public static DicomDataset Code(string relationship, CodedConcept concept, CodedConcept value, IEnumerable<DicomDataset>? children = null)
    {
        var item = Item(relationship, "CODE", concept);
        item.Set(CodeSequence(DicomTags.ConceptCodeSequence, value));
        if (children is not null) AddChildren(item, children);
        return item;
    }

    public static DicomDataset UidRef(string relationship, CodedConcept concept, string uid)
    {
        var item = Item(relationship, "UIDREF", concept);
        item.SetString(DicomTags.UID, DicomVR.UI, uid);
        return item;
    }

    public static DicomDataset Num(string relationship, CodedConcept concept, double value, CodedConcept unit, IEnumerable<DicomDataset>? children = null)
    {
        var item = Item(relationship, "NUM", concept);
        var measured = new DicomDataset();
        measured.Set(CodeSequence(DicomTags.MeasurementUnitsCodeSequence, unit));
        measured.SetString(DicomTags.NumericValue, DicomVR.DS, FormatDecimalString(value));
        item.Set(new DicomSequence(DicomTags.MeasuredValueSequence, [measured]));
        if (children is not null) AddChildren(item, children);
        return item;
    }

    public static DicomDataset Scoord(string relationship, CodedConcept concept, string graphicType, float[] graphicData, DicomDataset selectedFrom)
    {
        var item = Item(relationship, "SCOORD", concept);
        item.SetValues(DicomTags.GraphicData, DicomVR.FL, graphicData);
        item.SetString(DicomTags.GraphicType, DicomVR.CS, graphicType);
        AddChildren(item, [selectedFrom]);
        return item;
    }

    /// <summary>A SCOORD3D item (PS3.3 C.18.9): patient-space coordinates in mm in the given Frame of Reference.</summary>
    public static DicomDataset Scoord3D(string relationship, CodedConcept concept, string graphicType, float[] graphicData, string frameOfReferenceUid)
    {
        var item = Item(relationship, "SCOORD3D", concept);
        item.SetString(DicomTags.ReferencedFrameOfReferenceUID, DicomVR.UI, frameOfReferenceUid);
        item.SetValues(DicomTags.GraphicData, DicomVR.FL, graphicData);
        item.SetString(DicomTags.GraphicType, DicomVR.CS, graphicType);
        return item;
    }

    /// <summary>An IMAGE item; <paramref name="concept"/> is null for the unnamed references TID 1600 and SELECTED FROM use.</summary>
    public static DicomDataset Image(string relationship, CodedConcept? concept, string sopClassUid, string sopInstanceUid, IReadOnlyList<int>? frames)
    {
        var item = Item(relationship, "IMAGE", concept);
        var reference = new DicomDataset();
        reference.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sopClassUid);
        reference.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        if (frames is { Count: > 0 })
            reference.SetString(DicomTags.ReferencedFrameNumber, DicomVR.IS, frames.Select(f => f.ToString(CultureInfo.InvariantCulture)).ToArray());
        item.Set(new DicomSequence(DicomTags.ReferencedSOPSequence, [reference]));
        return item;
    }

    public static DicomSequence CodeSequence(DicomTag tag, CodedConcept code) => new(tag, [CodeItem(code)]);

    public static DicomDataset CodeItem(CodedConcept code)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, DicomVR.SH, code.Value);
        item.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, code.Scheme);
        item.SetString(DicomTags.CodeMeaning, DicomVR.LO, code.Meaning);
        return item;
    }

    /// <summary>DS holds at most 16 characters: keep as many significant digits as fit.</summary>
    public static string FormatDecimalString(double value) => DicomNumberParser.FormatDecimal(value);

    private static DicomDataset Item(string? relationship, string valueType, CodedConcept? concept)
    {
        var item = new DicomDataset();
        if (relationship is not null) item.SetString(DicomTags.RelationshipType, DicomVR.CS, relationship);
        item.SetString(DicomTags.ValueType, DicomVR.CS, valueType);
        if (concept is not null) item.Set(CodeSequence(DicomTags.ConceptNameCodeSequence, concept));
        return item;
    }

    private static void AddChildren(DicomDataset item, IEnumerable<DicomDataset> children)
    {
        var list = children.ToList();
        if (list.Count == 0) return;
        item.Set(new DicomSequence(DicomTags.ContentSequence, list));
    }
}
