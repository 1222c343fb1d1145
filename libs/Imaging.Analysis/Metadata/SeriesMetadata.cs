using Imaging.Analysis.Routing;

namespace Imaging.Analysis.Metadata;

/// <summary>What the headers of a series' instances say, gathered once per series: the common attributes (from the first
/// readable instance in series order), modality-specific parts, per-instance facts, totals and the problems met.</summary>
/// <remarks>Patient identity is deliberately absent: it lives in the index, and findings stay easier to de-identify.</remarks>
public sealed record SeriesMetadata
{
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? Modality { get; init; }
    public string? SopClassUid { get; init; }

    /// <summary>The SOP class's registry name, e.g. "Nuclear Medicine Image Storage".</summary>
    public string? SopClassName { get; init; }

    public int? SeriesNumber { get; init; }
    public string? BodyPartExamined { get; init; }
    public IReadOnlyList<string>? ImageType { get; init; }
    public string? StudyDescription { get; init; }
    public string? SeriesDescription { get; init; }
    public string? ProtocolName { get; init; }
    public DateOnly? SeriesDate { get; init; }
    public TimeOnly? SeriesTime { get; init; }
    public string? Manufacturer { get; init; }
    public string? ManufacturerModelName { get; init; }
    public string? PatientPosition { get; init; }

    /// <summary>Matrix of the first image (every frame of a multi-frame image shares it).</summary>
    public int? Rows { get; init; }
    public int? Columns { get; init; }

    /// <summary>Row spacing then column spacing in mm (PS3.3 10.7.1.3), from the top level or the shared functional groups.</summary>
    public IReadOnlyList<double>? PixelSpacing { get; init; }

    /// <summary>Instances whose header could be read.</summary>
    public required int InstanceCount { get; init; }

    /// <summary>Frames over every readable instance (a single-frame image counts one, a non-image zero).</summary>
    public required int FrameCount { get; init; }

    /// <summary>Nuclear medicine details (NM and PT series).</summary>
    public NuclearMedicineMetadata? NuclearMedicine { get; init; }

    /// <summary>Slice geometry (CT and MR series).</summary>
    public CrossSectionalMetadata? CrossSectional { get; init; }

    /// <summary>The segments of every readable instance, in series order (SEG series; null for others).</summary>
    public IReadOnlyList<SegmentMetadata>? Segments { get; init; }

    /// <summary>What the series holds, for routing it to analyzers.</summary>
    public required SeriesClassification Content { get; init; }

    /// <summary>Every readable instance in series order (instance number, then SOP Instance UID).</summary>
    public required IReadOnlyList<InstanceMetadata> Instances { get; init; }

    /// <summary>Files that could not be read, values that could not be parsed, inconsistencies between instances.</summary>
    public required IReadOnlyList<SeriesProblem> Problems { get; init; }
}
