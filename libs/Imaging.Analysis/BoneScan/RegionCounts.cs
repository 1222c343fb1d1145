using System.Text.Json.Serialization;

namespace Imaging.Analysis.BoneScan;

/// <summary>Lesions per skeletal region (every region present, zero when none).</summary>
public sealed record RegionCounts
{
    public int Skull { get; init; }
    [JsonPropertyName("cervical-spine")] public int CervicalSpine { get; init; }
    [JsonPropertyName("thoracic-spine")] public int ThoracicSpine { get; init; }
    [JsonPropertyName("lumbar-spine")] public int LumbarSpine { get; init; }
    public int Sacrum { get; init; }
    public int Ribs { get; init; }
    public int Sternum { get; init; }
    public int Shoulder { get; init; }
    public int Pelvis { get; init; }
    [JsonPropertyName("upper-limbs")] public int UpperLimbs { get; init; }
    [JsonPropertyName("lower-limbs")] public int LowerLimbs { get; init; }

    /// <summary>Counts of <paramref name="lesions"/> by region.</summary>
    public static RegionCounts Of(IReadOnlyList<BoneScanLesion> lesions)
    {
        var n = new int[Enum.GetValues<SkeletalRegion>().Length];
        foreach (var lesion in lesions) n[(int)lesion.Region]++;
        return new RegionCounts
        {
            Skull = n[(int)SkeletalRegion.Skull], CervicalSpine = n[(int)SkeletalRegion.CervicalSpine],
            ThoracicSpine = n[(int)SkeletalRegion.ThoracicSpine], LumbarSpine = n[(int)SkeletalRegion.LumbarSpine],
            Sacrum = n[(int)SkeletalRegion.Sacrum], Ribs = n[(int)SkeletalRegion.Ribs], Sternum = n[(int)SkeletalRegion.Sternum],
            Shoulder = n[(int)SkeletalRegion.Shoulder], Pelvis = n[(int)SkeletalRegion.Pelvis],
            UpperLimbs = n[(int)SkeletalRegion.UpperLimbs], LowerLimbs = n[(int)SkeletalRegion.LowerLimbs],
        };
    }

    /// <summary>The count of one region.</summary>
    public int this[SkeletalRegion region] => region switch
    {
        SkeletalRegion.Skull => Skull, SkeletalRegion.CervicalSpine => CervicalSpine, SkeletalRegion.ThoracicSpine => ThoracicSpine,
        SkeletalRegion.LumbarSpine => LumbarSpine, SkeletalRegion.Sacrum => Sacrum, SkeletalRegion.Ribs => Ribs,
        SkeletalRegion.Sternum => Sternum, SkeletalRegion.Shoulder => Shoulder, SkeletalRegion.Pelvis => Pelvis,
        SkeletalRegion.UpperLimbs => UpperLimbs, _ => LowerLimbs,
    };
}
