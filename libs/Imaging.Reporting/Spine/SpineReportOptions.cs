namespace Imaging.Reporting.Spine;

/// <summary>Site choices for the spine report objects; the defaults need no configuration.</summary>
public sealed record SpineReportOptions
{
    public static SpineReportOptions Default { get; } = new();

    public string Manufacturer { get; init; } = "Imaging pipeline";

    /// <summary>Device Observer UID (TID 1004): stable for this installation of the algorithm.</summary>
    public string DeviceObserverUid { get; init; } = DicomUidFactory.FromName("imaging-pipeline", "device-observer", "spine");

    /// <summary>Procedure reported; a site with a LOINC / RadLex code for its spine CT or MR sets it here.</summary>
    public CodedConcept Procedure { get; init; } = new("SPINE-VFA", ReportCodes.PrivateScheme, "Spine imaging for vertebral fracture assessment");

    public int ReportSeriesNumber { get; init; } = 9011;

    public int KeyImageSeriesNumber { get; init; } = 9012;

    public int KeyObjectSeriesNumber { get; init; } = 9013;

    /// <summary>CT window of the key image (HU): wide enough for cortex, trabecular bone and cement against soft tissue.</summary>
    public double CtWindowCenter { get; init; } = 400;

    public double CtWindowWidth { get; init; } = 1800;

    /// <summary>MR (no fixed unit): black and white at these percentiles of the reformat's values.</summary>
    public double MrLowPercentile { get; init; } = 1;

    public double MrHighPercentile { get; init; } = 99;

    /// <summary>How far from a flagged level's centroid (mm, along the slice normal) a source slice may lie to be
    /// selected in the key object selection.</summary>
    public double KeySliceMaximumDistanceMm { get; init; } = 5;
}
