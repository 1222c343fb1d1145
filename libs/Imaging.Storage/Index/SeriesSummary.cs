namespace Imaging.Storage;

/// <summary>A series within a study, with its readiness state.</summary>
/// <param name="State"><c>pending</c> (inside its quiet timeout) or <c>ready</c>.</param>
public sealed record SeriesSummary(
    string SeriesInstanceUid,
    string Modality,
    int? SeriesNumber,
    string? SeriesDescription,
    string? BodyPartExamined,
    int InstanceCount,
    string State,
    int ReadyVersion);
