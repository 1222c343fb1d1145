namespace Imaging.Phantoms.Spine.Seg;

/// <summary>What <see cref="SpineSegWriter"/> writes: bodies only or whole vertebrae, how segments are labelled, and the
/// Frame of Reference (a different one makes a SEG that must be refused).</summary>
public sealed record SpineSegOptions
{
    /// <summary>Body plus posterior elements (pedicles, laminae, spinous and transverse processes), as deep-learning tools
    /// usually segment a vertebra; false writes the bodies only.</summary>
    public bool WholeVertebrae { get; init; }

    /// <summary>Put before the level name in Segment Label: "" gives "T5", "vertebrae_" gives "vertebrae_T5".</summary>
    public string LabelPrefix { get; init; } = "";

    /// <summary>Frame of Reference UID to write; null uses the CT series' own.</summary>
    public string? FrameOfReferenceUid { get; init; }

    /// <summary>Salt for the SEG's own UIDs, so two variants of one study get different instances.</summary>
    public string UidPurpose { get; init; } = "seg";
}
