using System.Globalization;

namespace Imaging.Reporting.Spine;

/// <summary>The UIDs of the objects made from one spine findings record: derived from the analysed series, the analyzer
/// version and the ready version (a rebuilt report replaces, not duplicates, the one sent before), and the per-level
/// tracking UID used when the findings carry none.</summary>
public sealed record SpineResultUids(
    string ReportInstance, string ReportSeries, string KeyImageInstance, string KeyImageSeries, string KeyObjectsInstance, string KeyObjectsSeries)
{
    private const string Root = "imaging-results";

    /// <summary>The UIDs for the findings of <paramref name="analyzer"/> <paramref name="analyzerVersion"/> on
    /// <paramref name="seriesInstanceUid"/> at <paramref name="readyVersion"/>.</summary>
    public static SpineResultUids For(string seriesInstanceUid, string analyzer, string analyzerVersion, int readyVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesInstanceUid);
        ArgumentException.ThrowIfNullOrWhiteSpace(analyzer);
        ArgumentException.ThrowIfNullOrWhiteSpace(analyzerVersion);
        var ready = readyVersion.ToString(CultureInfo.InvariantCulture);
        string Uid(string what) => DicomUidFactory.FromName(Root, what, seriesInstanceUid, analyzer, analyzerVersion, ready);
        return new SpineResultUids(Uid("sr"), Uid("sr-series"), Uid("sc"), Uid("sc-series"), Uid("ko"), Uid("ko-series"));
    }

    /// <summary>The tracking UID of a level the findings give none: the same for the same level of the same series.</summary>
    public static string LevelTrackingUid(string seriesInstanceUid, string level) =>
        DicomUidFactory.FromName(Root, "vertebra", seriesInstanceUid, level.Trim().ToUpperInvariant());
}
