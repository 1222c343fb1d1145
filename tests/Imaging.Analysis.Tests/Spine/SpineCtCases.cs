using Imaging.Analysis.Spine;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;

namespace Imaging.Analysis.Tests.Spine;

/// <summary>The spine phantoms the analysis tests share (generated and analysed once per test run, on first use): a normal
/// spine, one with fractures, the two transitional variants and two partial fields of view, all at the phantom's default
/// noise and blur.</summary>
public sealed class SpineCtCases
{
    public static readonly SpineFracture[] Fractures =
    [
        new("T5", VertebralFractureType.Wedge, 30),
        new("T6", VertebralFractureType.Biconcave, 32),
        new("T10", VertebralFractureType.Crush, 45),
    ];

    private readonly Lazy<Task<Case>> _normal = Make(new SpineCtPhantomOptions { Seed = 3 });
    private readonly Lazy<Task<Case>> _fractured = Make(new SpineCtPhantomOptions { Seed = 4, Fractures = Fractures, CementLevels = ["L1"] });
    private readonly Lazy<Task<Case>> _thirteenThoracic = Make(new SpineCtPhantomOptions { Seed = 5, ThoracicVertebrae = 13 });
    private readonly Lazy<Task<Case>> _sixLumbar = Make(new SpineCtPhantomOptions { Seed = 6, FirstLevel = "T6", LumbarVertebrae = 6 });
    private readonly Lazy<Task<Case>> _fromT4 = Make(new SpineCtPhantomOptions { Seed = 7, FirstLevel = "T4" });
    private readonly Lazy<Task<Case>> _thoracicOnly = Make(new SpineCtPhantomOptions { Seed = 8, FirstLevel = "T3", LastLevel = "T12" });

    public Task<Case> Normal => _normal.Value;
    public Task<Case> Fractured => _fractured.Value;
    public Task<Case> ThirteenThoracic => _thirteenThoracic.Value;
    public Task<Case> SixLumbar => _sixLumbar.Value;
    public Task<Case> FromT4 => _fromT4.Value;
    public Task<Case> ThoracicOnly => _thoracicOnly.Value;

    /// <summary>One phantom, its analysis and the findings JSON the analyzer stores.</summary>
    public sealed record Case(SpineCtStudy Study, SpineFindings Findings, string Json);

    private static Lazy<Task<Case>> Make(SpineCtPhantomOptions options) => new(() => Task.Run(async () =>
    {
        var study = SpineCtPhantom.Generate(options);
        var input = PhantomSeries.Input(study.Instances);
        var analyzer = new SpineAnalyzer();
        var findings = await analyzer.AnalyzeCtAsync(input, CancellationToken.None);
        var json = (await analyzer.AnalyzeAsync(input, CancellationToken.None)).PayloadJson;
        return new Case(study, findings, json);
    }));
}
