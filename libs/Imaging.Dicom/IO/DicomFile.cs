using Imaging.Dicom.Data;

namespace Imaging.Dicom.IO;

/// <summary>A Part 10 file: file meta information (group 0002) and the dataset.</summary>
public sealed class DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax)
{
    public DicomDataset FileMetaInformation { get; } = fileMetaInformation;
    public DicomDataset Dataset { get; } = dataset;

    /// <summary>The syntax the dataset was read in (or is to be written in).</summary>
    public DicomTransferSyntax TransferSyntax { get; set; } = transferSyntax;

    /// <summary>False when the source had no preamble/DICM prefix (a raw dataset or ACR-NEMA style file).</summary>
    public bool HadPreamble { get; init; } = true;

    /// <summary>Byte offset at which the dataset started in the source.</summary>
    public long DatasetOffset { get; init; }

    /// <summary>True when reading stopped at a format error and only part of the dataset is here.</summary>
    public bool IsPartial { get; init; }

    /// <summary>The error that stopped a partial read.</summary>
    public DicomFormatException? Error { get; init; }

    /// <summary>Deviations from the standard that the reader tolerated.</summary>
    public IReadOnlyList<DicomReadWarning> Warnings { get; init; } = [];
}
