using System.Text.Json;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms;
using Imaging.Phantoms.Spine;
using Xunit.Abstractions;

namespace Imaging.Cli.Tests;

/// <summary>`imaging analyze`: findings of the one analysable series under a path, the comparison with `--prior`, and the
/// exit-code and one-line error contract.</summary>
public sealed class AnalyzeCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Lazy<(BoneScanStudy Baseline, BoneScanStudy FollowUp)> Pair = new(() =>
    {
        // Lesions well above the detector's limits (docs/analysis.md), so this tests the command, not detection.
        var baseline = BoneScanPhantom.Generate(new BoneScanPhantomOptions
        {
            Seed = 61,
            Lesions =
            [
                new PhantomLesion("L1", LesionPlacement.AtSite("T10"), 25, 4),
                new PhantomLesion("L2", LesionPlacement.AtSite("L3"), 25, 4),
                new PhantomLesion("L3", LesionPlacement.AtSite("skull"), 25, 4),
            ],
        });
        var followUp = BoneScanPhantom.FollowUp(baseline, new FollowUpChanges
        {
            Removed = ["L3"],
            Added = [new PhantomLesion("N1", LesionPlacement.AtSite("T5"), 25, 4)],
            DaysLater = 90,
        });
        return (baseline, followUp);
    });

    private async Task<string> WriteAsync(BoneScanStudy study, string name)
    {
        var folder = Path.Combine(_folder.Path, name, "nested");
        await study.WriteAsync(folder);
        return Path.Combine(_folder.Path, name);
    }

    [Fact]
    public async Task Analyze_folder_prints_the_bone_scan_findings_document()
    {
        var folder = await WriteAsync(Pair.Value.Baseline, "baseline");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not DICOM");

        var result = await CliRunner.RunAsync("analyze", folder, "--json");

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("bone-scan", root.GetProperty("analyzer").GetString());
        Assert.Equal(Pair.Value.Baseline.GroundTruth.StudyInstanceUid, root.GetProperty("studyInstanceUid").GetString());
        Assert.Equal("analysed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("lesionCount").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("comparison").ValueKind);
    }

    [Fact]
    public async Task Analyze_ct_spine_folder_prints_the_spine_findings_with_the_flagged_level()
    {
        var study = SpineCtPhantom.Generate(new SpineCtPhantomOptions
        {
            Seed = 12,
            FirstLevel = "T8",
            Fractures = [new SpineFracture("T10", VertebralFractureType.Crush, 45)],
        });
        var folder = Path.Combine(_folder.Path, "spine");
        await study.WriteAsync(folder);

        var result = await CliRunner.RunAsync("analyze", folder, "--json");

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.Equal("spine", root.GetProperty("analyzer").GetString());
        Assert.Equal("CT", root.GetProperty("modality").GetString());
        var flagged = root.GetProperty("flaggedLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        Assert.Equal(new[] { "T10" }, flagged);
    }

    [Fact]
    public async Task Analyze_with_prior_and_therapy_date_prints_the_comparison()
    {
        var baseline = await WriteAsync(Pair.Value.Baseline, "baseline");
        var followUp = await WriteAsync(Pair.Value.FollowUp, "follow-up");
        var therapy = DateOnly.FromDateTime(Pair.Value.FollowUp.Options.AcquisitionDateTime).AddDays(-40);

        var result = await CliRunner.RunAsync("analyze", followUp, "--prior", baseline, "--therapy-date", therapy.ToString("yyyy-MM-dd"), "--json");

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var comparison = json.RootElement.GetProperty("comparison");
        Assert.Equal(Pair.Value.Baseline.GroundTruth.StudyInstanceUid, comparison.GetProperty("priorStudyInstanceUid").GetString());
        Assert.Equal(90, comparison.GetProperty("intervalDays").GetInt32());
        Assert.True(comparison.GetProperty("persistentCount").GetInt32() > 0);
        Assert.True(comparison.GetProperty("newCount").GetInt32() >= 1);
        Assert.True(comparison.GetProperty("resolvedCount").GetInt32() >= 1);
        var note = comparison.GetProperty("therapy");
        Assert.Equal(("explicit", 40, true), (note.GetProperty("source").GetString(), note.GetProperty("daysAfterTherapy").GetInt32(), note.GetProperty("flare").GetBoolean()));
        Assert.Equal("anchors", comparison.GetProperty("alignment").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Analyze_without_json_prints_a_short_summary_with_the_comparison()
    {
        var baseline = await WriteAsync(Pair.Value.Baseline, "baseline");
        var followUp = await WriteAsync(Pair.Value.FollowUp, "follow-up");

        var result = await CliRunner.RunAsync("analyze", followUp, "--prior", baseline);
        log.WriteLine(result.StandardOutput);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("status: analysed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("lesions: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"compared with {Pair.Value.Baseline.Instances[0].Dataset.GetString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("note: ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_analysable_series_exit_2_listing_them_and_series_chooses_one()
    {
        await WriteAsync(Pair.Value.Baseline, Path.Combine("both", "a"));
        await WriteAsync(Pair.Value.FollowUp, Path.Combine("both", "b"));
        var both = Path.Combine(_folder.Path, "both");
        var followUpSeries = Pair.Value.FollowUp.Instances[0].Dataset.GetString(Imaging.Dicom.Dictionary.DicomTags.SeriesInstanceUID)!;

        var ambiguous = await CliRunner.RunAsync("analyze", both, "--json");
        var chosen = await CliRunner.RunAsync("analyze", both, "--series", followUpSeries, "--json");

        Assert.Equal(2, ambiguous.ExitCode);
        var line = Assert.Single(ambiguous.ErrorLines);
        Assert.Contains("2 analysable series, choose one with --series", line, StringComparison.Ordinal);
        Assert.Contains(followUpSeries, line, StringComparison.Ordinal);
        Assert.Equal("", ambiguous.StandardOutput);
        Assert.Equal(0, chosen.ExitCode);
        using var json = JsonDocument.Parse(chosen.StandardOutput);
        Assert.Equal(followUpSeries, json.RootElement.GetProperty("seriesInstanceUid").GetString());
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line()
    {
        var empty = Path.Combine(_folder.Path, "empty");
        Directory.CreateDirectory(empty);
        await File.WriteAllTextAsync(Path.Combine(empty, "x.dcm"), "not DICOM");
        var baseline = await WriteAsync(Pair.Value.Baseline, "baseline");
        var other = await WriteAsync(BoneScanPhantom.Generate(new BoneScanPhantomOptions { Seed = 62, PatientId = "SOMEONE-ELSE" }), "other");

        foreach (var (args, expected) in new (string[], string)[]
        {
            (["analyze", Path.Combine(_folder.Path, "missing")], "No such file or directory"),
            (["analyze", empty], "no analysable series (0 DICOM series read, 1 other files skipped)"),
            (["analyze", baseline, "--therapy-date", "12/03/2026"], "--therapy-date 12/03/2026: expected YYYY-MM-DD"),
            (["analyze", baseline, "--prior", Path.Combine(_folder.Path, "nowhere")], "--prior"),
            (["analyze", baseline, "--prior", empty], "no other series the bone-scan analyzer accepts"),
            (["analyze", baseline, "--prior", other], "is not the analysed scan's"),
            (["analyze", baseline, "--series", "1.2.3"], "--series 1.2.3: not an analysable series"),
        })
        {
            var result = await CliRunner.RunAsync(args);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith("imaging: ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.Equal("", result.StandardOutput);
        }
    }
}
