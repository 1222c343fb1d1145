using Imaging.Analysis.BoneScan;

namespace Imaging.Api.Workspace;

/// <summary>The skeletal regions' names as the bone-scan findings JSON writes them.</summary>
internal static class RegionNames
{
    public static string Of(SkeletalRegion region) => region switch
    {
        SkeletalRegion.Skull => "skull",
        SkeletalRegion.CervicalSpine => "cervical-spine",
        SkeletalRegion.ThoracicSpine => "thoracic-spine",
        SkeletalRegion.LumbarSpine => "lumbar-spine",
        SkeletalRegion.Sacrum => "sacrum",
        SkeletalRegion.Ribs => "ribs",
        SkeletalRegion.Sternum => "sternum",
        SkeletalRegion.Shoulder => "shoulder",
        SkeletalRegion.Pelvis => "pelvis",
        SkeletalRegion.UpperLimbs => "upper-limbs",
        _ => "lower-limbs",
    };
}
