namespace Imaging.Analysis.Spine.Seg;

/// <summary>Codes of the warnings <see cref="SegLabelSource"/> reports (in <c>VolumeWarning.Code</c>).</summary>
public static class SegWarningCodes
{
    /// <summary>A SEG's Frame of Reference differs from the CT's (or one of them has none): the SEG is left out.</summary>
    public const string FrameOfReference = "seg-frame-of-reference";

    /// <summary>A SEG could not be read or its frames are unusable: left out.</summary>
    public const string Unreadable = "seg-unreadable";

    /// <summary>Segments that name no vertebral level (spinal cord, ribs…): ignored.</summary>
    public const string NotAVertebra = "seg-not-a-vertebra";

    /// <summary>Two segments claim the same level, or voxels belong to two levels (the first wins).</summary>
    public const string Overlap = "seg-overlap";

    /// <summary>A level's segment does not reach the CT volume.</summary>
    public const string OutsideVolume = "seg-outside-volume";

    /// <summary>Whole-vertebra segments were reduced to their bodies (posterior elements cut off).</summary>
    public const string BodiesExtracted = "seg-bodies-extracted";

    /// <summary>A level reaches the edge of the CT volume: only part of it is in view, left as segmented.</summary>
    public const string PartialLevel = "seg-partial-level";

    /// <summary>The SEG references a different series than the CT being analysed (still used when the Frame of Reference matches).</summary>
    public const string OtherSeries = "seg-other-series";
}
