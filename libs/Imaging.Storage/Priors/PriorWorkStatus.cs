namespace Imaging.Storage;

/// <summary>The state of a look-up or retrieval row: <c>pending</c>, <c>done</c> or <c>failed</c>.</summary>
public sealed record PriorWorkStatus(string StudyInstanceUid, string PatientId, string State, int Attempts, DateTimeOffset NextAttemptAt,
    string? LastError, string? Source);
