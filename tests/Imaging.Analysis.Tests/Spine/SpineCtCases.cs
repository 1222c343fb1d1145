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

    /// <summary>Three more fractured spines covering 15, 22, 30, 35 and 45 % of each type (wedge, biconcave, crush), every
    /// fractured level two or more levels from the next so each keeps intact neighbours for its reference height.</summary>
    public static readonly IReadOnlyDictionary<string, SpineFracture[]> FractureSets = new Dictionary<string, SpineFracture[]>
    {
        ["A"] =
        [
            new("T2", VertebralFractureType.Wedge, 45), new("T5", VertebralFractureType.Wedge, 35), new("T8", VertebralFractureType.Biconcave, 22),
            new("T11", VertebralFractureType.Crush, 30), new("L2", VertebralFractureType.Wedge, 15),
        ],
        ["B"] =
        [
            new("T3", VertebralFractureType.Biconcave, 35), new("T6", VertebralFractureType.Crush, 15), new("T9", VertebralFractureType.Wedge, 22),
            new("T12", VertebralFractureType.Biconcave, 45), new("L3", VertebralFractureType.Crush, 35),
        ],
        ["C"] =
        [
            new("T4", VertebralFractureType.Crush, 22), new("T7", VertebralFractureType.Wedge, 30), new("T10", VertebralFractureType.Biconcave, 15),
            new("L1", VertebralFractureType.Crush, 45), new("L4", VertebralFractureType.Biconcave, 30),
        ],
    };

    private readonly Lazy<Task<Case>> _normal = Make(new SpineCtPhantomOptions { Seed = 3 });
    private readonly Lazy<Task<Case>> _fractured = Make(new SpineCtPhantomOptions { Seed = 4, Fractures = Fractures, CementLevels = ["L1"] });
    private readonly Lazy<Task<Case>> _thirteenThoracic = Make(new SpineCtPhantomOptions { Seed = 5, ThoracicVertebrae = 13 });
    private readonly Lazy<Task<Case>> _sixLumbar = Make(new SpineCtPhantomOptions { Seed = 6, FirstLevel = "T6", LumbarVertebrae = 6 });
    private readonly Lazy<Task<Case>> _fromT4 = Make(new SpineCtPhantomOptions { Seed = 7, FirstLevel = "T4" });
    private readonly Lazy<Task<Case>> _thoracicOnly = Make(new SpineCtPhantomOptions { Seed = 8, FirstLevel = "T3", LastLevel = "T12" });

    private readonly Dictionary<string, Lazy<Task<Case>>> _fractureSets = FractureSets.ToDictionary(p => p.Key,
        p => Make(new SpineCtPhantomOptions { Seed = 11 + p.Key[0] - 'A', Fractures = p.Value }));

    public Task<Case> Normal => _normal.Value;

    /// <summary>The phantom of one of <see cref="FractureSets"/>.</summary>
    public Task<Case> FractureSet(string name) => _fractureSets[name].Value;
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
