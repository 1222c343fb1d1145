using Imaging.Reporting;

namespace Imaging.Reporting.Tests;

/// <summary>The report the tests write: two lesions on the fake bone scan's anterior frame and per-region counts.</summary>
internal static class SampleReport
{
    public const string Lesion1Uid = "1.2.826.0.1.3680043.9.7433.2.1";
    public const string Lesion2Uid = "1.2.826.0.1.3680043.9.7433.2.2";
    public const string SummaryUid = "1.2.826.0.1.3680043.9.7433.2.9";

    public static ObserverIdentification Observer { get; } =
        new("bone-scan", "0.3.0", "1.2.826.0.1.3680043.9.7433.3.1", "Imaging pipeline");

    public static MeasurementReportContent Create()
    {
        var image = FakeBoneScan.Image;
        var (c1, r1) = PlanarRegion.AtPixelCentre(FakeBoneScan.HotSpots[0].X, FakeBoneScan.HotSpots[0].Y);
        var (c2, r2) = PlanarRegion.AtPixelCentre(FakeBoneScan.HotSpots[1].X, FakeBoneScan.HotSpots[1].Y);
        return new MeasurementReportContent
        {
            Observer = Observer,
            Procedure = ReportCodes.WholeBodyBoneScintigraphy,
            SourceImages = [image],
            ObservationTime = new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero),
            Lesions =
            [
                new LesionMeasurementGroup("Lesion 1", Lesion1Uid, ReportCodes.Lesion, SkeletalRegionCodes.For("thoracic-spine"), null,
                    PlanarRegion.Circle(image, 1, c1, r1, 3),
                    [new Measurement(ReportCodes.PeakRatioToNormalBone, 3.25, ReportCodes.Units.Ratio),
                     new Measurement(ReportCodes.Area, 452.4, ReportCodes.Units.SquareMillimeter)]),
                new LesionMeasurementGroup("Lesion 2", Lesion2Uid, ReportCodes.Lesion, SkeletalRegionCodes.For("pelvis"), ReportCodes.Left,
                    PlanarRegion.Polygon(image, 1, [(c2 - 3, r2 - 3), (c2 + 3, r2 - 3), (c2 + 3, r2 + 3), (c2 - 3, r2 + 3)]),
                    [new Measurement(ReportCodes.PeakRatioToNormalBone, 2.5, ReportCodes.Units.Ratio),
                     new Measurement(ReportCodes.Area, 576, ReportCodes.Units.SquareMillimeter)]),
            ],
            Summary =
            [
                .. SkeletalRegionCodes.Keys.Select(k => new Measurement(ReportCodes.NumberOfLesions,
                    k is "thoracic-spine" or "pelvis" ? 1 : 0, ReportCodes.Units.Lesions, SkeletalRegionCodes.For(k))),
                new Measurement(ReportCodes.NumberOfLesions, 2, ReportCodes.Units.Lesions),
            ],
            SummaryTrackingUid = SummaryUid,
            QualitativeEvaluations = [QualitativeEvaluation.Textual(new CodedConcept("EOD-GRADE", ReportCodes.PrivateScheme, "Soloway extent of disease grade"), "1")],
        };
    }
}
