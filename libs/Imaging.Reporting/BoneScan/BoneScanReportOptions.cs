namespace Imaging.Reporting.BoneScan;

/// <summary>Site choices for the bone-scan report objects; the defaults need no configuration.</summary>
public sealed record BoneScanReportOptions
{
    public static BoneScanReportOptions Default { get; } = new();

    public string Manufacturer { get; init; } = "Imaging pipeline";

    /// <summary>Device Observer UID (TID 1004): stable for this installation of the algorithm.</summary>
    public string DeviceObserverUid { get; init; } = DicomUidFactory.FromName("imaging-pipeline", "device-observer", "bone-scan");

    /// <summary>Procedure reported; a site with a LOINC / RadLex procedure code for whole-body bone scintigraphy sets it here.</summary>
    public CodedConcept Procedure { get; init; } = ReportCodes.WholeBodyBoneScintigraphy;

    public int ReportSeriesNumber { get; init; } = 9001;

    public int KeyImageSeriesNumber { get; init; } = 9002;

    public int KeyObjectSeriesNumber { get; init; } = 9003;

    /// <summary>Key-image window: black at 0, white at this multiple of the view's normal bone, so one patient's scans look
    /// alike whatever the count level and a lesion at twice normal bone is clearly brighter than the skeleton.</summary>
    public double WhiteAtNormalBoneMultiple { get; init; } = 3.0;
}
