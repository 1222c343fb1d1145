namespace Imaging.Cli.Render;

/// <summary>The arguments of one `imaging render`: frame and window numbers are 1-based, as the user typed them.</summary>
internal sealed record RenderRequest(string Path, int Frame, string OutputPath, string? Window, int VoiIndex, int Quality);
