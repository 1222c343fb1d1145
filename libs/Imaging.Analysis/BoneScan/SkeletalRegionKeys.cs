namespace Imaging.Analysis.BoneScan;

/// <summary>The one mapping from a skeletal region to the key the findings JSON, the API and the SR codes use
/// ("thoracic-spine"), so that readers of findings never keep a second list.</summary>
public static class SkeletalRegionKeys
{
    /// <summary>The region's key as <see cref="SkeletalRegion"/>'s JSON names it.</summary>
    public static string Key(this SkeletalRegion region) => region switch
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
        SkeletalRegion.LowerLimbs => "lower-limbs",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown skeletal region."),
    };
}
