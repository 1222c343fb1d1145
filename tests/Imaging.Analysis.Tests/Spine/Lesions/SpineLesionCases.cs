using Imaging.Analysis.Spine;
using Imaging.Analysis.Tests.Spine.Volume;
using Imaging.Phantoms.Spine;

namespace Imaging.Analysis.Tests.Spine.Lesions;

/// <summary>The step 6 phantom, generated and analysed once per run: T10–S1 at 256² with the default noise and blur, a lytic
/// lesion in the wedge-fractured L1, a lytic one in L2, a blastic one in L4 and cement in T12; the other levels normal.</summary>
public sealed class SpineLesionCases
{
    public static readonly SpineCtPhantomOptions Options = new()
    {
        Seed = 11,
        FirstLevel = "T10",
        LastLevel = "S1",
        Fractures = [new SpineFracture("L1", VertebralFractureType.Wedge, 30)],
        CementLevels = ["T12"],
        Lesions =
        [
            new SpineLesion("L1", SpineLesionKind.Lytic, 6),
            new SpineLesion("L2", SpineLesionKind.Lytic, 7, OffsetMm: (3, 2, 0)),
            new SpineLesion("L4", SpineLesionKind.Blastic, 7, OffsetMm: (-3, 0, 1)),
        ],
    };

    private readonly Lazy<Task<SpineCtCases.Case>> _lesions = new(() => Task.Run(async () =>
    {
        var study = SpineCtPhantom.Generate(Options);
        var input = PhantomSeries.Input(study.Instances);
        var analyzer = new SpineAnalyzer();
        var findings = await analyzer.AnalyzeCtAsync(input, CancellationToken.None);
        var json = (await analyzer.AnalyzeAsync(input, CancellationToken.None)).PayloadJson;
        return new SpineCtCases.Case(study, findings, json);
    }));

    public Task<SpineCtCases.Case> Lesions => _lesions.Value;
}
