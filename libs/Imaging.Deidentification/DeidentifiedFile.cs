using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Deidentification;

/// <summary>Helpers for writing a de-identified instance: the source's file meta group still holds the original
/// Media Storage SOP Instance UID and source AE titles, so it must not be written as it is.</summary>
public static class DeidentifiedFile
{
    /// <summary>A file holding <paramref name="file"/>'s (de-identified) dataset with a fresh meta group: the writer
    /// derives Media Storage SOP Class/Instance UID from the dataset and sets the transfer syntax and our implementation.</summary>
    public static DicomFile WithFreshMeta(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new DicomFile(new DicomDataset(), file.Dataset, file.TransferSyntax);
    }
}
