using Imaging.Phantoms.Spine;

namespace Imaging.Phantoms.Tests.Spine;

/// <summary>Spine phantoms several tests read, generated once (a thoracolumbar field of view keeps each under a second).</summary>
public sealed class SpinePhantomFixture
{
    public static readonly SpineCtPhantomOptions FracturedOptions = new()
    {
        FirstLevel = "T9",
        LastLevel = "L3",
        Fractures =
        [
            new SpineFracture("T10", VertebralFractureType.Wedge, 35),
            new SpineFracture("T12", VertebralFractureType.Biconcave, 22),
            new SpineFracture("L2", VertebralFractureType.Crush, 45),
        ],
        CementLevels = ["L1"],
        Lesions = [new SpineLesion("T11", SpineLesionKind.Lytic, 7), new SpineLesion("L3", SpineLesionKind.Blastic, 6)],
    };

    /// <summary>No noise and no blur: values inside structures are exactly the tissue values.</summary>
    public SpineCtStudy Clean { get; } = SpineCtPhantom.Generate(FracturedOptions with { NoiseSigmaHu = 0, BlurFwhmMm = 0 });

    public SpineCtStudy Noisy { get; } = SpineCtPhantom.Generate(FracturedOptions);
}
