namespace Imaging.Analysis.Spine.Seg;

/// <summary>No usable vertebral body came out of the SEG input: the reason of the first SEG left out.</summary>
public sealed class SegLabelException(string message, Exception? inner = null) : Exception(message, inner);
