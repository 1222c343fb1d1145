namespace Imaging.Analysis.Metadata;

/// <summary>Where one slice (an image, or a frame of a multi-frame image) lies: Image Position and Orientation (Patient).</summary>
internal readonly record struct SlicePlane(IReadOnlyList<double> Position, IReadOnlyList<double> Orientation);
