using Imaging.Dicom.Data;

namespace Imaging.Analysis.Metadata;

/// <summary>What the extractor keeps of one read header: enough to describe the series without the header itself.</summary>
/// <param name="SeriesUid">Series Instance UID; empty when the file has none.</param>
/// <param name="Segments">Segment Sequence of a SEG instance; empty for anything else.</param>
/// <param name="Dataset">The whole header, kept only for the first instance of each series seen.</param>
internal sealed record InstanceFacts(
    InstanceFile File,
    InstanceMetadata Metadata,
    string SeriesUid,
    IReadOnlyList<SlicePlane> Planes,
    int Unpositioned,
    IReadOnlyList<string> Views,
    IReadOnlyList<SegmentMetadata> Segments,
    DicomDataset? Dataset);
