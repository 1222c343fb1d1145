namespace Imaging.Contracts;

/// <summary>An instance is durably in the blob store and in the index (published by the outbox relay).</summary>
/// <param name="Replaced">True when the same SOP Instance UID was already stored and this copy replaced it.</param>
public sealed record InstanceStored(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    string CallingAeTitle,
    bool Replaced,
    DateTimeOffset StoredAt);
