namespace Imaging.Analysis.Metadata;

/// <summary>What one instance's header says that differs from instance to instance.</summary>
public sealed record InstanceMetadata
{
    public required string SopInstanceUid { get; init; }
    public string? SopClassUid { get; init; }
    public int? InstanceNumber { get; init; }
    public string? TransferSyntaxUid { get; init; }

    /// <summary>Number of Frames, 1 for a single-frame image, 0 for an instance without pixel attributes.</summary>
    public required int Frames { get; init; }

    public int? Rows { get; init; }
    public int? Columns { get; init; }
    public IReadOnlyList<string>? ImageType { get; init; }

    /// <summary>Image Position (Patient) of a single-frame cross-sectional image.</summary>
    public IReadOnlyList<double>? ImagePositionPatient { get; init; }

    /// <summary>Image Orientation (Patient) of a single-frame cross-sectional image.</summary>
    public IReadOnlyList<double>? ImageOrientationPatient { get; init; }

    /// <summary>NM: Counts Accumulated (0018,0070).</summary>
    public long? CountsAccumulated { get; init; }

    /// <summary>NM/PT: Actual Frame Duration (0018,1242) in milliseconds.</summary>
    public long? ActualFrameDurationMs { get; init; }

    /// <summary>NM: the detector (1-based) each frame came from (0054,0020); tells anterior from posterior frames.</summary>
    public IReadOnlyList<int>? DetectorVector { get; init; }

    /// <summary>NM: the energy window (1-based) of each frame (0054,0010).</summary>
    public IReadOnlyList<int>? EnergyWindowVector { get; init; }
}
