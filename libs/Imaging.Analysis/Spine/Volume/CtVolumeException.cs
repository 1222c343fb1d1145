namespace Imaging.Analysis.Spine.Volume;

/// <summary>The series cannot become a volume at all (no usable slice, or a volume over the configured limits).</summary>
public sealed class CtVolumeException(string message, Exception? inner = null) : Exception(message, inner);
