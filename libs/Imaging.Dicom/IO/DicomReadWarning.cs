namespace Imaging.Dicom.IO;

/// <summary>Something the reader tolerated in a file that does not follow the standard.</summary>
public sealed record DicomReadWarning(long Offset, string Message)
{
    public override string ToString() => $"{Message} (at byte offset {Offset})";
}
