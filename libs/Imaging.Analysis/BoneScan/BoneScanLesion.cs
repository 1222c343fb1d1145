namespace Imaging.Analysis.BoneScan;

/// <summary>One unique lesion: where (anterior-frame pixel, 0-based), in which views, how hot and how large.</summary>
public sealed record BoneScanLesion(string Id, SkeletalRegion Region, IReadOnlyList<BoneScanView> Views, int X, int Y, double PeakRatio, double AreaMm2)
{
    /// <summary>The lesion's Tracking Unique Identifier (TID 1410): derived from the series and <see cref="Id"/> on a first
    /// scan, inherited from the matched prior lesion on a follow-up, so one lesion keeps one UID across timepoints.
    /// Null until the comparison step assigns it.</summary>
    public string? TrackingUid { get; init; }
}
