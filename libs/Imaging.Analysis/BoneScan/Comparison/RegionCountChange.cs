namespace Imaging.Analysis.BoneScan.Comparison;

/// <summary>Lesions of one region on the prior and the current scan, and how many of the current ones are new.</summary>
public sealed record RegionCountChange(SkeletalRegion Region, int Prior, int Current, int New, int Resolved)
{
    public int Change => Current - Prior;
}
