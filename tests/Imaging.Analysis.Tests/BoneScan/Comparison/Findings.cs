using Imaging.Analysis.BoneScan;

namespace Imaging.Analysis.Tests.BoneScan.Comparison;

/// <summary>Hand-made findings documents for rule tests: one patient, identical anchors unless given.</summary>
internal static class Findings
{
    public static readonly AnatomicalAnchors Anchors = new(20, 130, 145, 320, 540, 760, 128, 100);

    public static BoneScanFindings Scan(string series, DateOnly date, params BoneScanLesion[] lesions) => new()
    {
        AnalyzerVersion = "test",
        StudyInstanceUid = series + ".0",
        SeriesInstanceUid = series,
        SeriesDate = date,
        Status = TracerStatus.Analysed,
        Qc = new BoneScanQc { PixelSpacingMm = 2.4 },
        LesionCount = lesions.Length,
        RegionCounts = RegionCounts.Of(lesions),
        Lesions = lesions,
        Anchors = Anchors,
    };

    public static BoneScanLesion Lesion(string id, int x, int y, SkeletalRegion region = SkeletalRegion.ThoracicSpine, double peak = 3, double area = 300) =>
        new(id, region, [BoneScanView.Anterior, BoneScanView.Posterior], x, y, peak, area);
}
