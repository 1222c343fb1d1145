namespace Imaging.Contracts;

/// <summary>A series has been quiet for its quiet timeout: analyse it.</summary>
/// <param name="ReadyVersion">1 the first time the series is ready; one more each time it gains instances and becomes
/// ready again. Findings are kept per series, analyzer and analyzer version; a higher ready version replaces them.</param>
/// <param name="InstanceCount">Instances in the series when it became ready.</param>
public sealed record SeriesReady(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    int ReadyVersion,
    int InstanceCount,
    DateTimeOffset ReadyAt);
