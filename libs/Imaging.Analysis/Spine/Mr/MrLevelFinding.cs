namespace Imaging.Analysis.Spine.Mr;

/// <summary>One body the MR finder labelled: its label value in the grid, its level, the confidence of that name, and its
/// extent along the canal (mm, in the mid-sagittal plane).</summary>
public sealed record MrLevelFinding(byte Label, string Level, string Confidence, double LengthAlongCanalMm, int MidSagittalVoxels);
