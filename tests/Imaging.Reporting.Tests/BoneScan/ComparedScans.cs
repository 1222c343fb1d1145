using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.BoneScan.Comparison;
using Imaging.Analysis.Metadata;
using Imaging.Phantoms;

namespace Imaging.Reporting.Tests.BoneScan;

/// <summary>A baseline and follow-up phantom of one patient, both analysed and compared: the follow-up's findings carry a
/// comparison with new, persistent and resolved lesions. Made once per test run.</summary>
internal static class ComparedScans
{
    private static readonly Lazy<(Imaging.Phantoms.BoneScanStudy FollowUp, BoneScanFindings Prior, BoneScanFindings Findings)> Pair = new(Make);

    /// <summary>The follow-up study, the baseline's findings and the follow-up's compared findings.</summary>
    public static (Imaging.Phantoms.BoneScanStudy FollowUp, BoneScanFindings Prior, BoneScanFindings Findings) FollowUpScan => Pair.Value;

    private static (Imaging.Phantoms.BoneScanStudy, BoneScanFindings, BoneScanFindings) Make()
    {
        // Large, bright lesions far apart: the point here is the report, not the detector's limits.
        var lesions = LesionSampler.Sample(17, 6, fwhmMm: 25, contrast: 4, minimumSeparationMm: 70);
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 17, PatientId = "BS-17", CountsPerView = 1_500_000, Lesions = [.. lesions.Take(5)] });
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges { Removed = ["R1"], Added = [lesions[5]], DaysLater = 100 });
        var prior = Analyse(baseline);
        var current = Analyse(followUp);
        return (followUp, prior, BoneScanComparer.Compare(prior, current));
    }

    private static BoneScanFindings Analyse(Imaging.Phantoms.BoneScanStudy study)
    {
        var input = SeriesMetadataExtractor.Extract(
            study.Instances.Select((_, i) => InstanceFile.FromStream($"phantom-{i}.dcm", () => new MemoryStream(study.ToBytes(i)))), CancellationToken.None);
        return new BoneScanAnalyzer().Analyze(input, CancellationToken.None);
    }
}
