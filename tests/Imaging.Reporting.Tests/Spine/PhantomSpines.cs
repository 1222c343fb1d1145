using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Spine;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Spine;

namespace Imaging.Reporting.Tests.Spine;

/// <summary>A small CT spine phantom (256², T11–S1, a crush fracture at L1 and cement at L3) and what the spine analysis
/// finds in it, made once per test run.</summary>
internal static class PhantomSpines
{
    public static readonly DateTimeOffset ProducedAt = new(2026, 6, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<Task<(SpineCtStudy Study, SpineFindings Findings)>> Fractured = new(() => Task.Run(() => AnalyseAsync(new SpineCtPhantomOptions
    {
        Seed = 31,
        FirstLevel = "T11",
        LastLevel = "S1",
        PatientId = "SP-31",
        PatientName = "Phantom^Spine",
        Fractures = [new SpineFracture("L1", VertebralFractureType.Crush, 45)],
        CementLevels = ["L3"],
    })));

    /// <summary>T11–S1 with L1 crushed by 45 % and cement in L3.</summary>
    public static Task<(SpineCtStudy Study, SpineFindings Findings)> FracturedSpine => Fractured.Value;

    /// <summary>The instances as our reader gives them back from Part 10 bytes (what the worker reads from its blobs).</summary>
    public static IReadOnlyList<DicomFile> Files(SpineCtStudy study) =>
        study.Instances.Select((_, i) => DicomFileReader.Read(new MemoryStream(study.ToBytes(i)))).ToList();

    private static async Task<(SpineCtStudy, SpineFindings)> AnalyseAsync(SpineCtPhantomOptions options)
    {
        var study = SpineCtPhantom.Generate(options);
        var input = SeriesMetadataExtractor.Extract(study.Instances.Select((_, i) =>
        {
            var bytes = study.ToBytes(i);
            return InstanceFile.FromStream($"slice-{i}", () => new MemoryStream(bytes, writable: false));
        }), CancellationToken.None);
        var findings = await new SpineAnalyzer().AnalyzeCtAsync(input, CancellationToken.None);
        return (study, findings);
    }
}
