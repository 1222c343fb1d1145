namespace Imaging.Analysis.BoneScan;

/// <summary>A whole-body study ready for analysis: its views in the anterior frame (posterior already mirrored),
/// geometry, tracer and what loading it noticed.</summary>
public sealed record BoneScanStudy
{
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }

    /// <summary>The anterior view, or null when the study has none.</summary>
    public ScanImage? Anterior { get; init; }

    /// <summary>The posterior view mirrored left–right into the anterior frame, or null.</summary>
    public ScanImage? Posterior { get; init; }

    /// <summary>Pixel spacing from the header (square pixels assumed: whole-body matrices are), or null when absent.</summary>
    public double? PixelSpacingMm { get; init; }

    /// <summary>Counts per view from Counts Accumulated, else summed from the pixels.</summary>
    public long? CountsAnterior { get; init; }

    public long? CountsPosterior { get; init; }

    /// <summary>Actual Frame Duration in seconds.</summary>
    public double? AcquisitionSeconds { get; init; }

    public TracerStatus Tracer { get; init; } = TracerStatus.UnknownTracer;

    /// <summary>What the header says about the tracer, for the record.</summary>
    public string? TracerDescription { get; init; }

    /// <summary>Problems met while loading (unreadable files, views assumed), reported as QC warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
