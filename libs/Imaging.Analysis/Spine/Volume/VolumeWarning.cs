namespace Imaging.Analysis.Spine.Volume;

/// <summary>Something about the series' geometry or values that the volume had to work around: a code from
/// <see cref="VolumeWarningCodes"/>, a readable message, and the instances it concerns (SOP Instance UIDs or file names).</summary>
public sealed record VolumeWarning(string Code, string Message, IReadOnlyList<string> Instances)
{
    public VolumeWarning(string code, string message) : this(code, message, []) { }
}
