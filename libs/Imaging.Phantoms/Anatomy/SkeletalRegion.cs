namespace Imaging.Phantoms.Anatomy;

/// <summary>The skeletal regions the bone-scan analysis reports counts for (issue 6).</summary>
public enum SkeletalRegion
{
    Skull,
    CervicalSpine,
    ThoracicSpine,
    LumbarSpine,
    Sacrum,
    Ribs,
    Sternum,
    Shoulder,
    Pelvis,
    UpperLimbs,
    LowerLimbs,
}

/// <summary>The region names used in findings and ground truth ("cervical-spine", ...).</summary>
public static class SkeletalRegionNames
{
    public static string ToName(this SkeletalRegion region) => region switch
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
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };
}
