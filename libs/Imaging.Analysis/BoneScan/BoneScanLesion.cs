namespace Imaging.Analysis.BoneScan;

/// <summary>One unique lesion: where (anterior-frame pixel, 0-based), in which views, how hot and how large.</summary>
public sealed record BoneScanLesion(string Id, SkeletalRegion Region, IReadOnlyList<BoneScanView> Views, int X, int Y, double PeakRatio, double AreaMm2);
