namespace Imaging.Phantoms.Truth;

/// <summary>A position in 0-based anterior-frame pixels (column, row), sub-pixel.</summary>
public sealed record PixelPoint(double X, double Y);

/// <summary>The centre of one vertebral level (C1–L5, S1) in anterior-frame pixels.</summary>
public sealed record SpinePoint(string Level, double X, double Y);
