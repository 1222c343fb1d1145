namespace Imaging.Analysis.Spine.Ct;

/// <summary>A run of the profile along the canal line, samples [<see cref="Start"/>, <see cref="End"/>] (caudal to cranial): a
/// disc or a body.</summary>
internal readonly record struct ProfileSegment(int Start, int End, bool IsDisc)
{
    public int Centre => (Start + End) / 2;
    public int Length => End - Start + 1;
}
