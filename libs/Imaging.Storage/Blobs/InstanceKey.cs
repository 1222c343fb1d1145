namespace Imaging.Storage;

/// <summary>The three UIDs that place an instance; each already checked to be a valid UID ([0-9.], at most 64 characters).</summary>
public readonly record struct InstanceKey(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid);
