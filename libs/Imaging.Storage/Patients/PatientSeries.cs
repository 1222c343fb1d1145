namespace Imaging.Storage;

/// <summary>One series of a timeline study with the latest findings summary of each analyzer that ran on it.</summary>
public sealed record PatientSeries(
    string SeriesInstanceUid,
    string Modality,
    int? SeriesNumber,
    string? SeriesDescription,
    int InstanceCount,
    string State,
    IReadOnlyList<FindingsSummary> Findings);
