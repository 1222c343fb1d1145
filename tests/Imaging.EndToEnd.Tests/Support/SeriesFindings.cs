namespace Imaging.EndToEnd.Tests.Support;

/// <summary>What GET /api/series/{uid}/findings answered, reduced to what the tests check; <see cref="Json"/> keeps the whole
/// body for failure messages.</summary>
public sealed record SeriesFindings(string Modality, string State, int ReadyVersion, int InstanceCount, IReadOnlyList<FindingsEntry> Findings, string Json)
{
    /// <summary>The metadata analyzer's records (every series gets exactly one per analyzer version).</summary>
    public IReadOnlyList<FindingsEntry> Metadata => [.. Findings.Where(f => f.Analyzer == "metadata")];

    /// <summary>Ready, and the metadata findings describe the current ready version.</summary>
    public bool IsProcessed => State == "ready" && Metadata.Count > 0 && Metadata.All(m => m.ReadyVersion == ReadyVersion);
}
