using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Bodies from the SEG input on the CT grid, and what had to be worked around (codes in <see cref="SegWarningCodes"/>).</summary>
public sealed record SegLabelResult(VertebralBodyLabels Labels, IReadOnlyList<VolumeWarning> Warnings);
