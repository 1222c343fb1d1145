using Imaging.Analysis.Metadata;

namespace Imaging.Analysis;

/// <summary>One readable instance of a series: its file and what its header says.</summary>
public sealed record SeriesInstance(InstanceFile File, InstanceMetadata Metadata);
