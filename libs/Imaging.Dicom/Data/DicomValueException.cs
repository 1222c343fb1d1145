namespace Imaging.Dicom.Data;

/// <summary>A value could not be interpreted as asked (wrong type, malformed number or date).</summary>
public sealed class DicomValueException(DicomTag tag, string message) : Exception($"{tag}: {message}")
{
    public DicomTag Tag { get; } = tag;
}
