using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Storage;

namespace Imaging.Gateway.Ingest;

/// <summary>Turns a received header into the index's record. Values that do not parse (a malformed IS, an over-long
/// text) are left out rather than refusing the instance: the sender's pixel data matters more than a bad label.</summary>
internal static class InstanceRecordMapper
{
    /// <summary>Longest text the index keeps for a descriptive attribute (LO is 64 characters; some senders exceed it).</summary>
    private const int MaximumTextLength = 256;

    public static InstanceRecord Map(DicomDataset header, InstanceKey key, string sopClassUid, string transferSyntaxUid, string blobKey,
        long sizeBytes, string callingAeTitle, DateTimeOffset receivedAt) => new()
    {
        PatientId = Text(header, DicomTags.PatientID) ?? "",
        PatientName = Text(header, DicomTags.PatientName),
        PatientBirthDate = Text(header, DicomTags.PatientBirthDate),
        PatientSex = Text(header, DicomTags.PatientSex),
        StudyInstanceUid = key.StudyInstanceUid,
        StudyDate = Text(header, DicomTags.StudyDate),
        StudyTime = Text(header, DicomTags.StudyTime),
        StudyDescription = Text(header, DicomTags.StudyDescription),
        AccessionNumber = Text(header, DicomTags.AccessionNumber),
        StudyId = Text(header, DicomTags.StudyID),
        SeriesInstanceUid = key.SeriesInstanceUid,
        Modality = Text(header, DicomTags.Modality) ?? "",
        SeriesNumber = Integer(header, DicomTags.SeriesNumber),
        SeriesDescription = Text(header, DicomTags.SeriesDescription),
        BodyPartExamined = Text(header, DicomTags.BodyPartExamined),
        SopInstanceUid = key.SopInstanceUid,
        SopClassUid = sopClassUid,
        InstanceNumber = Integer(header, DicomTags.InstanceNumber),
        TransferSyntaxUid = transferSyntaxUid,
        BlobKey = blobKey,
        SizeBytes = sizeBytes,
        CallingAeTitle = callingAeTitle,
        ReceivedAt = receivedAt,
    };

    private static string? Text(DicomDataset header, DicomTag tag)
    {
        try
        {
            var value = header.GetString(tag)?.Trim();
            if (string.IsNullOrEmpty(value)) return null;
            return value.Length > MaximumTextLength ? value[..MaximumTextLength] : value;
        }
        catch (Exception ex) when (ex is DicomValueException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static int? Integer(DicomDataset header, DicomTag tag)
    {
        try
        {
            return header.GetInteger(tag) is { } value and >= int.MinValue and <= int.MaxValue ? (int)value : null;
        }
        catch (Exception ex) when (ex is DicomValueException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
