namespace Imaging.Analysis.Metadata;

/// <summary>One item of a segmentation's Segment Sequence (PS3.3 C.8.20.2), as much as routing needs: what the segment is.</summary>
/// <param name="Number">Segment Number.</param>
/// <param name="Label">Segment Label.</param>
/// <param name="PropertyType">Code Meaning of the Segmented Property Type Code Sequence.</param>
/// <param name="Description">Segment Description.</param>
public sealed record SegmentMetadata(int? Number, string? Label, string? PropertyType, string? Description);
