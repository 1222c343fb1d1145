using System.Text.Json;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;
using Xunit.Abstractions;

namespace Imaging.Cli.Tests;

/// <summary>`imaging analyze FOLLOWUP --seg SEG --prior BASELINE`: the levels the SEG labels are compared with the prior's,
/// as for the classical path.</summary>
public sealed class AnalyzeSegPriorTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SpineCtPhantomOptions Baseline => new()
    {
        Seed = 53,
        FirstLevel = "T8",
        LastLevel = "L2",
        PatientId = "SPINE-CLI-SEG-PRIOR",
        AcquisitionDateTime = new DateTime(2026, 2, 2, 8, 0, 0),
    };

    private static SpineCtPhantomOptions FollowUp => Baseline with
    {
        Seed = 54,
        UidSalt = "spine-cli-seg-prior/follow-up",
        AcquisitionDateTime = new DateTime(2026, 3, 4, 8, 0, 0),
        Fractures = [new SpineFracture("T10", VertebralFractureType.Crush, 45)],
    };

    private async Task<(SpineCtStudy Study, string Folder)> WriteAsync(SpineCtPhantomOptions options, string name)
    {
        var folder = Path.Combine(_folder.Path, name);
        var study = SpineCtPhantom.Generate(options);
        await study.WriteAsync(folder);
        return (study, folder);
    }

    private string WriteSeg(SpineCtStudy study, string name)
    {
        var path = Path.Combine(_folder.Path, name);
        using var stream = File.Create(path);
        DicomFileWriter.Write(stream, SpineSegWriter.Build(study));
        return path;
    }

    [Fact]
    public async Task Analyze_with_seg_and_prior_prints_method_seg_and_the_comparison_with_the_new_fracture()
    {
        var (_, baseline) = await WriteAsync(Baseline, "baseline");
        var (followUpStudy, followUp) = await WriteAsync(FollowUp, "follow-up");
        var seg = WriteSeg(followUpStudy, "follow-up-seg.dcm");

        var result = await CliRunner.RunAsync("analyze", followUp, "--seg", seg, "--prior", baseline, "--json");

        log.WriteLine(result.StandardError);
        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("seg", root.GetProperty("method").GetString());
        Assert.Equal(followUpStudy.GroundTruth.FlaggedLevels, root.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        var comparison = root.GetProperty("comparison");
        Assert.Equal(30, comparison.GetProperty("intervalDays").GetInt32());
        Assert.Equal("label", comparison.GetProperty("alignment").GetProperty("method").GetString());
        Assert.Equal(["T10"], comparison.GetProperty("newFractureLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.All(comparison.GetProperty("levels").EnumerateArray().Where(l => l.GetProperty("level").GetString() != "T10"),
            l => Assert.Equal("stable", l.GetProperty("status").GetString()));
        // Matched levels carry the prior's tracking UIDs, so the SR links the SEG-measured level to the earlier one.
        Assert.All(root.GetProperty("vertebrae").EnumerateArray(), v => Assert.False(string.IsNullOrEmpty(v.GetProperty("trackingUid").GetString())));
    }

    [Fact]
    public async Task Seg_beside_the_prior_images_measures_the_prior_instead_of_the_classical_analysis()
    {
        var (baselineStudy, baseline) = await WriteAsync(Baseline, "baseline");
        var baselineSeg = SpineSegWriter.Build(baselineStudy);
        await using (var stream = File.Create(Path.Combine(baseline, "baseline-seg.dcm"))) DicomFileWriter.Write(stream, baselineSeg);
        var (followUpStudy, followUp) = await WriteAsync(FollowUp, "follow-up");
        var seg = WriteSeg(followUpStudy, "follow-up-seg.dcm");

        var result = await CliRunner.RunAsync("analyze", followUp, "--seg", seg, "--prior", baseline, "--json");

        log.WriteLine(result.StandardError);
        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var comparison = json.RootElement.GetProperty("comparison");
        Assert.Equal(baselineSeg.Dataset.GetString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID), comparison.GetProperty("priorSeriesInstanceUid").GetString());
        Assert.Equal(["T10"], comparison.GetProperty("newFractureLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
    }
}
