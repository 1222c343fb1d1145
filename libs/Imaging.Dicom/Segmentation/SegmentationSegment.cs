namespace Imaging.Dicom.Segmentation;

/// <summary>One item of the Segment Sequence (PS3.3 C.8.20.2): what a segment is (category, type, modifiers, anatomic
/// region) and how it was made.</summary>
/// <param name="Number">Segment Number (0062,0004), the value frames refer to in Referenced Segment Number.</param>
/// <param name="Label">Segment Label (0062,0005), free text such as "T5" or "vertebrae_T5".</param>
public sealed record SegmentationSegment(
    int Number,
    string Label,
    string? Description,
    CodedConcept? Category,
    CodedConcept? Type,
    IReadOnlyList<CodedConcept> TypeModifiers,
    CodedConcept? AnatomicRegion,
    string? AlgorithmType);
