namespace Imaging.Storage;

/// <summary>What the index keeps of one stored instance: the main tags of its patient, study, series and itself.</summary>
/// <remarks>Text is as decoded from the data set (character set applied); dates are DICOM DA text (yyyyMMdd) or null.</remarks>
public sealed record InstanceRecord
{
    public required string PatientId { get; init; }
    public string? PatientName { get; init; }
    public string? PatientBirthDate { get; init; }
    public string? PatientSex { get; init; }

    public required string StudyInstanceUid { get; init; }
    public string? StudyDate { get; init; }
    public string? StudyTime { get; init; }
    public string? StudyDescription { get; init; }
    public string? AccessionNumber { get; init; }
    public string? StudyId { get; init; }

    public required string SeriesInstanceUid { get; init; }
    public required string Modality { get; init; }
    public int? SeriesNumber { get; init; }
    public string? SeriesDescription { get; init; }
    public string? BodyPartExamined { get; init; }

    public required string SopInstanceUid { get; init; }
    public required string SopClassUid { get; init; }
    public int? InstanceNumber { get; init; }
    public required string TransferSyntaxUid { get; init; }

    /// <summary>From <see cref="IBlobStore.PutAsync"/>.</summary>
    public required string BlobKey { get; init; }
    public required long SizeBytes { get; init; }
    public required string CallingAeTitle { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}
