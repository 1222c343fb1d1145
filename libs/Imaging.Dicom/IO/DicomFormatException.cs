namespace Imaging.Dicom.IO;

/// <summary>The input is not well-formed DICOM; <see cref="Offset"/> says where the problem was found.</summary>
public sealed class DicomFormatException(string message, long offset, Exception? inner = null)
    : Exception($"{message} (at byte offset {offset})", inner)
{
    public long Offset { get; } = offset;

    /// <summary>The message without the offset suffix.</summary>
    public string Reason { get; } = message;
}
