namespace Imaging.Dicom.Dump;

/// <summary>Choices for <see cref="DicomDumpFormatter"/>.</summary>
public sealed record DicomDumpOptions
{
    public static readonly DicomDumpOptions Default = new();

    /// <summary>Values whose printed form is longer than this many characters are cut and end in "..."; 0 prints
    /// every value in full. 70 is what dcmdump uses, so the two tools' output lines up.</summary>
    public int MaxValueWidth { get; init; } = 70;
}
