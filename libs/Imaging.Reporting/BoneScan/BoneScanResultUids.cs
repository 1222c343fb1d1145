using System.Globalization;

namespace Imaging.Reporting.BoneScan;

/// <summary>The UIDs of the objects made from one findings record: derived from the analysed series, the analyzer version
/// and the ready version, so building them again (a redelivered message) gives the same instances, which a PACS keeps
/// once.</summary>
public sealed record BoneScanResultUids(
    string ReportInstance, string ReportSeries, string KeyImageInstance, string KeyImageSeries, string KeyObjectsInstance, string KeyObjectsSeries)
{
    private const string Root = "imaging-results";

    /// <summary>The UIDs for the findings of <paramref name="analyzer"/> <paramref name="analyzerVersion"/> on
    /// <paramref name="seriesInstanceUid"/> at <paramref name="readyVersion"/>.</summary>
    public static BoneScanResultUids For(string seriesInstanceUid, string analyzer, string analyzerVersion, int readyVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(analyzer);
        ArgumentException.ThrowIfNullOrWhiteSpace(analyzerVersion);
        var ready = readyVersion.ToString(CultureInfo.InvariantCulture);
        string Uid(string what) => DicomUidFactory.FromName(Root, what, seriesInstanceUid, analyzer, analyzerVersion, ready);
        return new BoneScanResultUids(Uid("sr"), Uid("sr-series"), Uid("sc"), Uid("sc-series"), Uid("ko"), Uid("ko-series"));
    }

    /// <summary>The tracking UID of a lesion the comparison has not given one: the same for the same lesion id of the same
    /// series, so rebuilding the report does not change it.</summary>
    public static string LesionTrackingUid(string seriesInstanceUid, string lesionId) =>
        DicomUidFactory.FromName(Root, "lesion", seriesInstanceUid, lesionId);
}
