namespace Imaging.Reporting;

/// <summary>One lesion as a TID 1410 planar ROI measurement group; without a <paramref name="Region"/> (a lesion that is
/// no longer seen) a TID 1501 group that keeps the tracking identity and carries its evaluations.</summary>
/// <param name="TrackingIdentifier">Human-readable label (e.g. "Lesion 3"), unique within the report.</param>
/// <param name="TrackingUid">The lesion's identity across timepoints: the caller keeps it and passes it again for the
/// same lesion in a later report, which is what lets a receiver line the lesions up.</param>
public sealed record LesionMeasurementGroup(
    string TrackingIdentifier,
    string TrackingUid,
    CodedConcept Finding,
    CodedConcept? FindingSite,
    CodedConcept? Laterality,
    PlanarRegion? Region,
    IReadOnlyList<Measurement> Measurements)
{
    /// <summary>Per-lesion qualitative evaluations (e.g. the change since the prior scan), after the measurements.</summary>
    public IReadOnlyList<QualitativeEvaluation> Evaluations { get; init; } = [];

    /// <summary>A point in patient space (e.g. a vertebral body's centroid), written as a SCOORD3D POINT; a report with
    /// one is a Comprehensive 3D SR.</summary>
    public SpatialPoint? Point { get; init; }
}
