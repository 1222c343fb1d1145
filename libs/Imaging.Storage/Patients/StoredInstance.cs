namespace Imaging.Storage;

/// <summary>Where one indexed instance is: its UIDs, SOP class and blob key.</summary>
public sealed record StoredInstance(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    int? InstanceNumber,
    string BlobKey,
    DateTimeOffset ReceivedAt);
