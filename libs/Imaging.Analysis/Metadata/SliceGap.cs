namespace Imaging.Analysis.Metadata;

/// <summary>A larger than expected step between two neighbouring slice positions (mm along the normal).</summary>
/// <param name="MissingSlices">About how many slices at the series' spacing would fill the gap.</param>
public sealed record SliceGap(double From, double To, double Distance, int MissingSlices);
