namespace Imaging.Storage;

/// <summary>One page of a finding search and how many documents matched in all.</summary>
public sealed record FindingSearchPage(IReadOnlyList<FindingMatch> Items, int Total);
