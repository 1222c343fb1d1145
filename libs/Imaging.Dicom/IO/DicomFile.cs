using Imaging.Dicom.Data;

namespace Imaging.Dicom.IO;

/// <summary>A Part 10 file: file meta information (group 0002) and the dataset.</summary>
public sealed class DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax)
{
    public DicomDataset FileMetaInformation { get; } = fileMetaInformation;
    public DicomDataset Dataset { get; } = dataset;

    /// <summary>The syntax the dataset was read in (or is to be written in).</summary>
    public DicomTransferSyntax TransferSyntax { get; set; } = transferSyntax;

    /// <summary>False when the source had no preamble/DICM prefix or no meta group (a raw dataset or ACR-NEMA file).</summary>
    public bool HadFileMetaInformation { get; init; } = true;

    /// <summary>Byte offset at which the dataset started in the source.</summary>
    public long DatasetOffset { get; init; }
}
