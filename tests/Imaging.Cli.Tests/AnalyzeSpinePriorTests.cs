using System.Text.Json;
using Imaging.Cli.Tests.Infrastructure;
using Imaging.Dicom.Tests.Support;
using Imaging.Phantoms.Spine;

namespace Imaging.Cli.Tests;

/// <summary>`imaging analyze CT --prior PRIOR` on spine CT: the follow-up's findings carry the comparison with the prior.</summary>
public sealed class AnalyzeSpinePriorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> WriteAsync(SpineCtPhantomOptions options, string name)
    {
        var folder = Path.Combine(_folder.Path, name);
        await SpineCtPhantom.Generate(options).WriteAsync(folder);
        return folder;
    }

    [Fact]
    public async Task Analyze_spine_with_prior_prints_the_comparison_with_the_new_fracture()
    {
        var baseline = await WriteAsync(new SpineCtPhantomOptions
        {
            Seed = 13,
            FirstLevel = "T8",
            PatientId = "SPINE-CLI-PRIOR",
            AcquisitionDateTime = new DateTime(2026, 1, 5, 8, 0, 0),
        }, "baseline");
        var followUp = await WriteAsync(new SpineCtPhantomOptions
        {
            Seed = 14,
            UidSalt = "spine-cli-prior/follow-up",
            FirstLevel = "T8",
            PatientId = "SPINE-CLI-PRIOR",
            AcquisitionDateTime = new DateTime(2026, 1, 25, 8, 0, 0),
            Fractures = [new SpineFracture("T10", VertebralFractureType.Crush, 45)],
        }, "follow-up");

        var result = await CliRunner.RunAsync("analyze", followUp, "--prior", baseline, "--json");

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var comparison = json.RootElement.GetProperty("comparison");
        Assert.Equal(20, comparison.GetProperty("intervalDays").GetInt32());
        Assert.Equal("label", comparison.GetProperty("alignment").GetProperty("method").GetString());
        Assert.Equal(["T10"], comparison.GetProperty("newFractureLevels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.All(comparison.GetProperty("levels").EnumerateArray().Where(l => l.GetProperty("level").GetString() != "T10"),
            l => Assert.Equal("stable", l.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Analyze_spine_with_a_later_study_as_prior_warns_and_prints_no_comparison()
    {
        var current = await WriteAsync(new SpineCtPhantomOptions
        {
            Seed = 15,
            FirstLevel = "T10",
            PatientId = "SPINE-CLI-LATER",
            AcquisitionDateTime = new DateTime(2026, 3, 1, 8, 0, 0),
        }, "current");
        var later = await WriteAsync(new SpineCtPhantomOptions
        {
            Seed = 16,
            UidSalt = "spine-cli-prior/later",
            FirstLevel = "T10",
            PatientId = "SPINE-CLI-LATER",
            AcquisitionDateTime = new DateTime(2026, 4, 1, 8, 0, 0),
        }, "later");

        var result = await CliRunner.RunAsync("analyze", current, "--prior", later, "--json");

        // A study taken after the one analysed is not its prior: the findings stand alone and the reader is told why.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no earlier spine study", result.StandardError);
        Assert.Contains("no comparison", result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("comparison").ValueKind);
        Assert.NotEmpty(json.RootElement.GetProperty("vertebrae").EnumerateArray());
    }
}
