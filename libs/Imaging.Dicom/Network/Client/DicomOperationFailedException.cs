namespace Imaging.Dicom.Network;

/// <summary>A C-FIND, C-MOVE or C-GET ended with a failure status.</summary>
public sealed class DicomOperationFailedException(ushort status, string? errorComment)
    : Exception($"The operation failed with status 0x{status:X4}{(string.IsNullOrEmpty(errorComment) ? "" : $": {errorComment}")}.")
{
    public ushort Status { get; } = status;

    public string? ErrorComment { get; } = errorComment;
}
