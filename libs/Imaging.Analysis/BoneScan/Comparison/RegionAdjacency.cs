namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Which skeletal regions touch on the anterior-frame region map, so a lesion on a border may match across it.</summary>
public static class RegionAdjacency
{
    private static readonly HashSet<(SkeletalRegion, SkeletalRegion)> Pairs = Build(
        (SkeletalRegion.Skull, SkeletalRegion.CervicalSpine),
        (SkeletalRegion.CervicalSpine, SkeletalRegion.ThoracicSpine),
        (SkeletalRegion.CervicalSpine, SkeletalRegion.Shoulder),
        (SkeletalRegion.ThoracicSpine, SkeletalRegion.LumbarSpine),
        (SkeletalRegion.ThoracicSpine, SkeletalRegion.Ribs),
        (SkeletalRegion.ThoracicSpine, SkeletalRegion.Sternum),
        (SkeletalRegion.ThoracicSpine, SkeletalRegion.Shoulder),
        (SkeletalRegion.LumbarSpine, SkeletalRegion.Sacrum),
        (SkeletalRegion.LumbarSpine, SkeletalRegion.Pelvis),
        (SkeletalRegion.LumbarSpine, SkeletalRegion.Ribs),
        (SkeletalRegion.Sacrum, SkeletalRegion.Pelvis),
        (SkeletalRegion.Ribs, SkeletalRegion.Sternum),
        (SkeletalRegion.Ribs, SkeletalRegion.Shoulder),
        (SkeletalRegion.Ribs, SkeletalRegion.Pelvis),
        (SkeletalRegion.Ribs, SkeletalRegion.UpperLimbs),
        (SkeletalRegion.Shoulder, SkeletalRegion.UpperLimbs),
        (SkeletalRegion.Pelvis, SkeletalRegion.LowerLimbs),
        (SkeletalRegion.Pelvis, SkeletalRegion.UpperLimbs));

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same region or share a border.</summary>
    public static bool SameOrNeighbouring(SkeletalRegion a, SkeletalRegion b) => a == b || Pairs.Contains((a, b));

    private static HashSet<(SkeletalRegion, SkeletalRegion)> Build(params (SkeletalRegion A, SkeletalRegion B)[] pairs)
    {
        var set = new HashSet<(SkeletalRegion, SkeletalRegion)>();
        foreach (var (a, b) in pairs)
        {
            set.Add((a, b));
            set.Add((b, a));
        }
        return set;
    }
}
