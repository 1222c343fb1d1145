namespace Imaging.Analysis.Metadata;

/// <summary>Acquisition details of an NM (or PT) series, from its first instance unless said otherwise.</summary>
public sealed record NuclearMedicineMetadata
{
    /// <summary>Radiopharmaceutical Information Sequence (0054,0016), one entry per item.</summary>
    public required IReadOnlyList<RadiopharmaceuticalInfo> Radiopharmaceuticals { get; init; }

    /// <summary>Energy Window Information Sequence (0054,0012); for PT the top-level Energy Window Range Sequence.</summary>
    public required IReadOnlyList<EnergyWindow> EnergyWindows { get; init; }

    public int? NumberOfEnergyWindows { get; init; }
    public int? NumberOfDetectors { get; init; }

    /// <summary>Detector Information Sequence (0054,0022), one entry per detector.</summary>
    public required IReadOnlyList<NmDetector> Detectors { get; init; }

    /// <summary>Every view the series names (detector and top-level View Code Sequences, View Name, View Position), in
    /// order of first appearance, e.g. ["anterior", "posterior"].</summary>
    public required IReadOnlyList<string> Views { get; init; }

    /// <summary>Whole Body Technique (0018,1301), e.g. ["1PS"] (one pass) or ["2PS", "PCN"].</summary>
    public IReadOnlyList<string>? WholeBodyTechnique { get; init; }

    /// <summary>Scan Arc (0018,1143) in degrees (tomographic acquisitions).</summary>
    public double? ScanArc { get; init; }

    /// <summary>Scan Length (0018,1302) in mm (whole-body acquisitions).</summary>
    public long? ScanLengthMm { get; init; }

    public string? TypeOfDetectorMotion { get; init; }

    /// <summary>Image ID (0054,0400), which some writers use to label the view ("ANT", "WHOLE BODY_E").</summary>
    public string? ImageId { get; init; }

    /// <summary>Counts Accumulated (0018,0070) summed over the instances that record it.</summary>
    public long? CountsAccumulated { get; init; }

    /// <summary>Actual Frame Duration (0018,1242) of the first instance, in milliseconds.</summary>
    public long? ActualFrameDurationMs { get; init; }
}
