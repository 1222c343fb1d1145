namespace Imaging.Cli.Analyze;

/// <summary>The arguments of <c>imaging analyze</c>, as given (validated by <see cref="AnalyzeCommand"/>).</summary>
internal sealed record AnalyzeRequest(string Path, string? Prior, string? TherapyDate, bool Json, string? Series);
