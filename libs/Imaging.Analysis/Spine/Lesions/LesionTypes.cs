namespace Imaging.Analysis.Spine.Lesions;

/// <summary>The values of <see cref="VertebraFindings.LesionType"/>.</summary>
public static class LesionTypes
{
    public const string None = "none";
    public const string Lytic = "lytic";
    public const string Blastic = "blastic";
    public const string Mixed = "mixed";

    /// <summary>The type from the two volumes that passed the minimum size.</summary>
    public static string Of(double lyticMl, double blasticMl) => (lyticMl > 0, blasticMl > 0) switch
    {
        (true, true) => Mixed,
        (true, false) => Lytic,
        (false, true) => Blastic,
        _ => None,
    };
}
