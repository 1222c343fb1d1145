namespace Imaging.Api.Workspace;

/// <summary>The data folder the workspace may keep files in (the research key); null when the host has none.</summary>
public sealed record WorkspaceDataFolder(string? Path);
