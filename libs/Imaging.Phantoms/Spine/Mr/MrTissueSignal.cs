using Imaging.Phantoms.Spine.Anatomy;

namespace Imaging.Phantoms.Spine.Mr;

/// <summary>Turns the CT anatomy's tissue codes into MR signal. The anatomy is built with bone, disc and cement "HU" set to
/// code values no real tissue shares, so every painted value names its tissue; the signal per tissue then follows the
/// weighting (relative spin-echo values at 1.5 T, in stored units).</summary>
internal static class MrTissueSignal
{
    public const float CorticalCode = 1000;
    public const float TrabecularCode = 3000;
    public const float DiscCode = 2000;
    public const float CementCode = 2500;

    /// <summary>Codes the shapes derive from the ones above (see <see cref="TissueHu"/> and the rib capsules).</summary>
    private const float PosteriorElementsCode = CorticalCode * 0.8f;
    private const float RibCortexCode = CorticalCode * 0.85f;
    private const float RibMarrowCode = (TrabecularCode + TissueHu.Soft) / 2;

    /// <summary>The anatomy options that make the CT model paint codes instead of HU.</summary>
    public static SpineCtPhantomOptions AnatomyOptions(SpineMrPhantomOptions o) => new()
    {
        Seed = o.Seed,
        FirstLevel = o.FirstLevel,
        LastLevel = o.LastLevel,
        ThoracicVertebrae = o.ThoracicVertebrae,
        LumbarVertebrae = o.LumbarVertebrae,
        ThoracicKyphosisDegrees = o.ThoracicKyphosisDegrees,
        LumbarLordosisDegrees = o.LumbarLordosisDegrees,
        CervicalLordosisDegrees = o.CervicalLordosisDegrees,
        SizeScale = o.SizeScale,
        CorticalBoneHu = CorticalCode,
        TrabecularBoneHu = TrabecularCode,
        DiscHu = DiscCode,
        CementHu = CementCode,
        Fractures = o.Fractures,
    };

    /// <summary>Signal of free water (oedema's end point) for the weighting.</summary>
    public static float Water(SpineMrContrast contrast) => contrast == SpineMrContrast.T1 ? 200 : 1000;

    public static float Marrow(SpineMrContrast contrast) => contrast == SpineMrContrast.T1 ? 700 : 450;

    public static float Signal(float code, SpineMrContrast contrast)
    {
        var t1 = contrast == SpineMrContrast.T1;
        return code switch
        {
            TissueHu.Air => 0,
            TissueHu.Lung => t1 ? 30 : 20,
            TissueHu.Fat => t1 ? 950 : 650,
            TissueHu.Soft => t1 ? 400 : 260,
            TissueHu.Csf => t1 ? 180 : 1300,
            CorticalCode or RibCortexCode => t1 ? 60 : 50,
            TrabecularCode or RibMarrowCode => Marrow(contrast),
            DiscCode => t1 ? 330 : 950,
            CementCode => 40,
            // Thin arches: cortex partly averaged with marrow at MR resolution.
            PosteriorElementsCode => 0.4f * (t1 ? 60 : 50) + 0.6f * Marrow(contrast),
            _ => t1 ? 400 : 260,
        };
    }
}
