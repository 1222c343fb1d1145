namespace Imaging.Analysis.Spine.Comparison;

/// <summary>How a spine comparison matched the levels of two series: by label, checked by the centroids after a rigid
/// translation fitted on the matched levels.</summary>
public sealed record SpineAlignment
{
    /// <summary>label (levels matched by name, centroids agree), label-unchecked (no centroids to check) or
    /// label-disagrees (centroids after alignment suggest the labels are shifted by a level).</summary>
    public required string Method { get; init; }

    /// <summary>Current minus prior, patient mm, fitted as the median over matched levels.</summary>
    public double[]? TranslationMm { get; init; }

    /// <summary>Median centroid distance of matched levels after the translation.</summary>
    public double? ResidualMm { get; init; }

    public int MatchedLevels { get; init; }
}
