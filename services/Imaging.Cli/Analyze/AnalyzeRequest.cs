namespace Imaging.Cli.Analyze;

/// <summary>The arguments of <c>imaging analyze</c>, as given (validated by <see cref="AnalyzeCommand"/>).</summary>
/// <param name="Seg">A DICOM SEG (file or folder) whose vertebra segments replace the spine analyzer's own body finding.</param>
internal sealed record AnalyzeRequest(string Path, string? Prior, string? TherapyDate, bool Json, string? Series, string? Seg = null);
