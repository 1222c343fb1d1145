using Imaging.Analysis.Spine.Volume;

namespace Imaging.Analysis.Spine.Seg;

/// <summary>Bodies from the SEG input on the CT grid, and what had to be worked around (codes in <see cref="SegWarningCodes"/>).</summary>
public sealed record SegLabelResult(VertebralBodyLabels Labels, IReadOnlyList<VolumeWarning> Warnings)
{
    /// <summary>Levels still reaching the edge of the volume after the body cut: only partly in view, labelled but not
    /// measurable (their heights would be the field of view's).</summary>
    public IReadOnlyList<string> PartialLevels { get; init; } = [];
}
