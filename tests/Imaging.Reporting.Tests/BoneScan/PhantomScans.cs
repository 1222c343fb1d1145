using Imaging.Analysis;
using Imaging.Analysis.BoneScan;
using Imaging.Analysis.Metadata;
using Imaging.Dicom.IO;
using Imaging.Phantoms;

namespace Imaging.Reporting.Tests.BoneScan;

/// <summary>Phantom bone scans (libs/Imaging.Phantoms) and what the analysis finds in them, made once per test run.</summary>
internal static class PhantomScans
{
    public static readonly DateTimeOffset ProducedAt = new(2026, 3, 2, 15, 4, 5, TimeSpan.Zero);

    private static readonly Lazy<(Imaging.Phantoms.BoneScanStudy Study, BoneScanFindings Findings)> TwoFrame = new(() => Analyse(new BoneScanPhantomOptions
    {
        Seed = 11,
        PatientId = "BS-11",
        PatientName = "Phantom^Eleven",
    }));

    private static readonly Lazy<(Imaging.Phantoms.BoneScanStudy Study, BoneScanFindings Findings)> PerView = new(() => Analyse(new BoneScanPhantomOptions
    {
        Seed = 12,
        Layout = PhantomLayout.InstancePerView,
        PatientId = "BS-12",
    }));

    /// <summary>One two-frame instance (anterior frame 1, posterior frame 2) with the six default lesions.</summary>
    public static (Imaging.Phantoms.BoneScanStudy Study, BoneScanFindings Findings) TwoFrameScan => TwoFrame.Value;

    /// <summary>Two single-frame instances, one per view.</summary>
    public static (Imaging.Phantoms.BoneScanStudy Study, BoneScanFindings Findings) InstancePerViewScan => PerView.Value;

    /// <summary>The instances as our reader gives them back from Part 10 bytes (what the worker reads from its blobs).</summary>
    public static IReadOnlyList<DicomFile> Files(Imaging.Phantoms.BoneScanStudy study) =>
        study.Instances.Select((_, i) => DicomFileReader.Read(new MemoryStream(study.ToBytes(i)))).ToList();

    private static (Imaging.Phantoms.BoneScanStudy, BoneScanFindings) Analyse(BoneScanPhantomOptions options)
    {
        var study = BoneScanPhantom.Generate(options);
        var input = SeriesMetadataExtractor.Extract(
            study.Instances.Select((_, i) => InstanceFile.FromStream($"phantom-{i}.dcm", () => new MemoryStream(study.ToBytes(i)))), CancellationToken.None);
        return (study, new BoneScanAnalyzer().Analyze(input, CancellationToken.None));
    }
}
