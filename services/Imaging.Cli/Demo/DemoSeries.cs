namespace Imaging.Cli.Demo;

/// <summary>What the demo seeded and what the phantoms' truth expects of it: the four series and the follow-up bone
/// scan's new / persistent / resolved lesion counts.</summary>
internal sealed record DemoSeries(
    string BaselineBoneScanSeries,
    string BaselineSpineSeries,
    string FollowUpBoneScanSeries,
    string FollowUpSpineSeries,
    string BaselineBoneScanStudy,
    string BaselineSpineStudy,
    int ExpectedNew,
    int ExpectedPersistent,
    int ExpectedResolved)
{
    public static DemoSeries Of(DemoPhantoms phantoms)
    {
        var comparison = phantoms.FollowUpBoneScan.GroundTruth.Comparison
            ?? throw new InvalidOperationException("the demo's follow-up bone scan has no comparison truth");
        return new DemoSeries(
            SeriesOf(phantoms.BaselineBoneScan), phantoms.BaselineSpine.GroundTruth.SeriesInstanceUid,
            SeriesOf(phantoms.FollowUpBoneScan), phantoms.FollowUpSpine.GroundTruth.SeriesInstanceUid,
            phantoms.BaselineBoneScan.GroundTruth.StudyInstanceUid, phantoms.BaselineSpine.GroundTruth.StudyInstanceUid,
            comparison.NewCount, comparison.PersistentCount, comparison.ResolvedCount);
    }

    public static string SeriesOf(Imaging.Phantoms.BoneScanStudy study) =>
        study.Instances[0].Dataset.GetSingleString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)
        ?? throw new InvalidOperationException("a demo bone scan instance has no Series Instance UID");
}

/// <summary>How the demo's seeding ended: seeded now (with the series and the time it took) or found already seeded.</summary>
internal sealed record DemoOutcome(bool Seeded, TimeSpan Elapsed, DemoSeries? Series);
