namespace Imaging.Analysis.BoneScan;

/// <summary>A hot focus not counted as a lesion, and why: bladder, kidney, injection-site, outside-body,
/// symmetric-joint ("probably degenerative").</summary>
public sealed record ExcludedFocus(string Reason, int X, int Y)
{
    /// <summary>A reader-facing remark, e.g. "probably degenerative".</summary>
    public string? Note { get; init; }
}
