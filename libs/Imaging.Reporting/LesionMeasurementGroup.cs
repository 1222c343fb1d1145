namespace Imaging.Reporting;

/// <summary>One lesion as a TID 1410 planar ROI measurement group.</summary>
/// <param name="TrackingIdentifier">Human-readable label (e.g. "Lesion 3"), unique within the report.</param>
/// <param name="TrackingUid">The lesion's identity across timepoints: the caller keeps it and passes it again for the
/// same lesion in a later report, which is what lets a receiver line the lesions up.</param>
public sealed record LesionMeasurementGroup(
    string TrackingIdentifier,
    string TrackingUid,
    CodedConcept Finding,
    CodedConcept? FindingSite,
    CodedConcept? Laterality,
    PlanarRegion Region,
    IReadOnlyList<Measurement> Measurements);
