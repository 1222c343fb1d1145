namespace Imaging.Api.Workspace;

/// <summary>A findings document read back from the store with the study and series it was stored under.</summary>
internal sealed record StoredDocument<T>(string StudyInstanceUid, string SeriesInstanceUid, T Document);
