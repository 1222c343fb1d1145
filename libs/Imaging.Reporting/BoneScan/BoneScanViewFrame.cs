namespace Imaging.Reporting.BoneScan;

/// <summary>Where one whole-body view is stored: the index of its source instance and its 1-based frame there.</summary>
public sealed record BoneScanViewFrame(int Source, int FrameNumber);
