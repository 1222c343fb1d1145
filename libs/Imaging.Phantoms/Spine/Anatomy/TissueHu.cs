namespace Imaging.Phantoms.Spine.Anatomy;

/// <summary>Hounsfield values of the modelled tissues; the bone, disc and cement values come from the options.</summary>
internal sealed record TissueHu(float Cortical, float Trabecular, float Disc, float Cement)
{
    public const float Air = -1000;
    public const float Lung = -850;
    public const float Fat = -100;
    public const float Soft = 40;
    public const float Csf = 20;

    /// <summary>Pedicles, laminae and processes: thin bone, mostly cortex, partly averaged with marrow at CT resolution.</summary>
    public float PosteriorElements => Cortical * 0.8f;

    public static TissueHu From(SpineCtPhantomOptions o) => new((float)o.CorticalBoneHu, (float)o.TrabecularBoneHu, (float)o.DiscHu, (float)o.CementHu);
}
