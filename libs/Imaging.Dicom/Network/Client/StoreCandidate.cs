using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Network;

/// <summary>What the SCU needs to know about a file before sending it: its SOP identifiers, its transfer syntax and
/// where its data set starts, so the data set can be streamed from disk as it is.</summary>
internal sealed record StoreCandidate(string FilePath, string SopClassUid, string SopInstanceUid, DicomTransferSyntax TransferSyntax, long DataSetOffset)
{
    /// <summary>Reads the file's identification; large values (pixel data) stay on disk.</summary>
    /// <exception cref="DicomFormatException">The file is not readable DICOM.</exception>
    /// <exception cref="InvalidDataException">The file lacks SOP class or instance UIDs.</exception>
    public static StoreCandidate Read(string path)
    {
        var file = DicomFileReader.Read(path);
        var sopClass = file.FileMetaInformation.GetSingleString(DicomTag.MediaStorageSopClassUid) ?? file.Dataset.GetSingleString(DicomTag.SopClassUid);
        var sopInstance = file.FileMetaInformation.GetSingleString(DicomTag.MediaStorageSopInstanceUid) ?? file.Dataset.GetSingleString(DicomTag.SopInstanceUid);
        if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
            throw new InvalidDataException($"'{path}' has no SOP Class UID or SOP Instance UID.");
        if (file.IsPartial) throw new InvalidDataException($"'{path}' is truncated or malformed: {file.Error?.Message}");
        return new StoreCandidate(path, sopClass, sopInstance, file.TransferSyntax, file.DatasetOffset);
    }

    /// <summary>Uncompressed syntaxes can be re-encoded into each other without a codec.</summary>
    public bool CanBeTranscoded => !TransferSyntax.IsEncapsulated && !TransferSyntax.IsDeflated;
}
