namespace Imaging.Phantoms.Spine.Truth;

/// <summary>An end plate as a plane: a point on it (patient mm) and its unit normal, pointing cranially.</summary>
public sealed record EndPlateTruth(double[] PointMm, double[] Normal);
