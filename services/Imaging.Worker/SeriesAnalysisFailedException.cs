namespace Imaging.Worker;

/// <summary>One or more analyzers failed on a series; the others' findings are stored. Thrown so the message is retried
/// (and, when retries run out, lands in the error queue where someone will see it).</summary>
public sealed class SeriesAnalysisFailedException(string seriesInstanceUid, IReadOnlyList<string> analyzers, Exception firstError)
    : Exception($"Series {seriesInstanceUid}: analyzer(s) {string.Join(", ", analyzers)} failed: {firstError.Message}", firstError)
{
    public string SeriesInstanceUid { get; } = seriesInstanceUid;

    /// <summary>"name version" of each analyzer that failed.</summary>
    public IReadOnlyList<string> Analyzers { get; } = analyzers;
}
