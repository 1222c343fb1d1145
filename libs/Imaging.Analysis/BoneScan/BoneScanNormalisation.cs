namespace Imaging.Analysis.BoneScan;

/// <summary>Reference levels of this scan: normal bone per view (robust median of skeletal pixels), soft tissue, skeletal area.</summary>
public sealed record BoneScanNormalisation(double? NormalBoneAnterior, double? NormalBonePosterior, double SoftTissue, double SkeletalAreaMm2);
