namespace Imaging.Reporting;

/// <summary>A lesion mark on one view, at 0-based pixel (<paramref name="X"/>, <paramref name="Y"/>) of the source frame;
/// <paramref name="Radius"/> is in source pixels (circle radius, or half the cross arm).</summary>
public sealed record KeyImageMark(double X, double Y, double Radius, MarkShape Shape = MarkShape.Circle, RgbColor? Color = null);
