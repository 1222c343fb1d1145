using Imaging.Analysis.Metadata;

namespace Imaging.Analysis;

/// <summary>What an analyzer gets: the series' metadata and its readable instances in series order, each with a way to
/// open its Part 10 data (analyzers that need pixels decode them from there).</summary>
public sealed record SeriesInput(SeriesMetadata Metadata, IReadOnlyList<SeriesInstance> Instances);
