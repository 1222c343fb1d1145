namespace Imaging.Analysis.Metadata;

/// <summary>One item of the Detector Information Sequence (0054,0022): which view the detector acquired and with what.</summary>
/// <param name="Detector">1-based, as Detector Vector (0054,0020) counts.</param>
/// <param name="View">Code meaning of its View Code Sequence (0054,0220), e.g. "anterior", or its View Name (0008,2127).</param>
/// <param name="ViewModifier">Code meaning of the View Modifier Code Sequence (0054,0222).</param>
public sealed record NmDetector(int Detector, string? View, string? ViewModifier, string? CollimatorGridName, string? CollimatorType);
