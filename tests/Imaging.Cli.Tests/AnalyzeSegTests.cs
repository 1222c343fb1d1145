using System.Text.Json;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.IO;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;
using Imaging.Phantoms.Spine.Seg;
using Xunit.Abstractions;

namespace Imaging.Cli.Tests;

/// <summary>`imaging analyze SERIES --seg SEG`: a spine series measured on the SEG's vertebra segments (method seg), and
/// the one-line exit 2 when the SEG belongs elsewhere.</summary>
public sealed class AnalyzeSegTests(ITestOutputHelper log) : IDisposable
{
    private static readonly Lazy<SpineCtStudy> Study = new(() => SpineCtPhantom.Generate(new SpineCtPhantomOptions
    {
        Seed = 31,
        FirstLevel = "T9",
        LastLevel = "L3",
        Fractures = [new SpineFracture("T12", VertebralFractureType.Crush, 45), new SpineFracture("L2", VertebralFractureType.Wedge, 30)],
    }));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(string Ct, string Seg)> WriteAsync(SpineSegOptions segOptions)
    {
        var ct = Path.Combine(_folder.Path, "ct");
        if (!Directory.Exists(ct)) await Study.Value.WriteAsync(ct);
        var seg = Path.Combine(_folder.Path, $"{segOptions.UidPurpose}.dcm");
        await using (var stream = File.Create(seg)) DicomFileWriter.Write(stream, SpineSegWriter.Build(Study.Value, segOptions));
        return (ct, seg);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Analyze_with_seg_measures_the_segmented_levels_with_method_seg_and_the_truths_grades(bool wholeVertebrae)
    {
        var (ct, seg) = await WriteAsync(new SpineSegOptions { WholeVertebrae = wholeVertebrae, UidPurpose = wholeVertebrae ? "whole" : "bodies" });

        var result = await CliRunner.RunAsync("analyze", ct, "--seg", seg, "--json");

        log.WriteLine(result.StandardError);
        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("seg", root.GetProperty("method").GetString());
        Assert.Equal("CT", root.GetProperty("modality").GetString());
        var truth = Study.Value.GroundTruth;
        var vertebrae = root.GetProperty("vertebrae").EnumerateArray().ToDictionary(v => v.GetProperty("level").GetString()!);
        foreach (var w in root.GetProperty("warnings").EnumerateArray()) log.WriteLine($"{w.GetProperty("code").GetString()}: {w.GetProperty("message").GetString()}");
        foreach (var t in truth.Vertebrae) log.WriteLine($"truth {t.Level} {t.FieldOfView} A {t.AnteriorHeightMm:0.0} M {t.MiddleHeightMm:0.0} P {t.PosteriorHeightMm:0.0} grade {t.GenantGrade}");
        foreach (var (level, v) in vertebrae)
            log.WriteLine($"{level}: A {v.GetProperty("anteriorHeightMm").GetDouble():0.0} M {v.GetProperty("middleHeightMm").GetDouble():0.0} P {v.GetProperty("posteriorHeightMm").GetDouble():0.0} loss {v.GetProperty("heightLossPercent").GetDouble():0.0} grade {v.GetProperty("genantGrade").GetInt32()}");
        var full = truth.Vertebrae.Where(t => t.FieldOfView == "full" && t.Level != "S1").ToList();
        Assert.Equal(full.Select(t => t.Level), vertebrae.Keys.Where(full.Select(t => t.Level).Contains));
        foreach (var t in full)
            Assert.True(t.GenantGrade == vertebrae[t.Level].GetProperty("genantGrade").GetInt32(),
                $"{t.Level}: grade {vertebrae[t.Level].GetProperty("genantGrade").GetInt32()}, truth {t.GenantGrade} ({t.HeightLossPercent:0.0}%)");
        var flagged = root.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["T12", "L2"], flagged);
    }

    [Fact]
    public async Task A_seg_in_another_frame_of_reference_exits_2_with_one_line()
    {
        var (ct, seg) = await WriteAsync(new SpineSegOptions { FrameOfReferenceUid = "1.2.826.0.1.3680043.10.1.999", UidPurpose = "foreign" });

        var result = await CliRunner.RunAsync("analyze", ct, "--seg", seg, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(result.StandardError.TrimEnd().Split('\n'));
        Assert.StartsWith($"imaging: --seg {seg}: ", line);
        Assert.Contains("Frame of Reference", line);
    }

    [Fact]
    public async Task A_missing_seg_file_exits_2_with_one_line()
    {
        var (ct, _) = await WriteAsync(new SpineSegOptions());

        var result = await CliRunner.RunAsync("analyze", ct, "--seg", Path.Combine(_folder.Path, "nothing.dcm"));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StandardError.TrimEnd().Split('\n'));
    }
}
