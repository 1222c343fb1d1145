using Imaging.Analysis;
using Imaging.Analysis.Metadata;
using Imaging.Analysis.Routing;
using Imaging.Phantoms;

namespace Imaging.Phantoms.Tests;

public sealed class AnalysisCompatibilityTests
{
    private static SeriesMetadata Extract(BoneScanStudy study) =>
        SeriesMetadataExtractor.Extract(study.Instances.Select((_, i) => InstanceFile.FromStream($"phantom-{i}.dcm", () => new MemoryStream(study.ToBytes(i)))),
            CancellationToken.None).Metadata;

    [Fact]
    public void Metadata_reader_sees_a_tc99m_whole_body_bone_scan_with_both_views()
    {
        var metadata = Extract(BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 2 }));
        Assert.Equal(SeriesContentKind.NmWholeBodyBoneScan, metadata.Content.Kind);
        var nm = metadata.NuclearMedicine!;
        Assert.Equal(["anterior projection", "posterior projection"], nm.Views.Take(2));
        Assert.Equal(140, (nm.EnergyWindows[0].Ranges[0].LowerKeV!.Value + nm.EnergyWindows[0].Ranges[0].UpperKeV!.Value) / 2, 3);
        Assert.Equal(740, nm.Radiopharmaceuticals[0].TotalDose);
        Assert.Equal(2, metadata.FrameCount);
        Assert.Empty(metadata.Problems);
    }

    [Fact]
    public void Metadata_router_does_not_take_the_sm153_post_therapy_scan_for_a_bone_scan()
    {
        var metadata = Extract(BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 2, Tracer = PhantomTracer.Sm153Lexidronam }));
        Assert.NotEqual(SeriesContentKind.NmWholeBodyBoneScan, metadata.Content.Kind);
    }
}
