namespace Imaging.Reporting;

/// <summary>A point in patient space (mm, LPS) in one Frame of Reference, named by <paramref name="Concept"/> (e.g.
/// "Center of Mass"); written as a SCOORD3D POINT.</summary>
public sealed record SpatialPoint(CodedConcept Concept, string FrameOfReferenceUid, double X, double Y, double Z);
