namespace Imaging.Api;

/// <summary>Body of <c>GET /api/series/{uid}/findings</c>: the series' readiness and every findings record it has.</summary>
/// <param name="State"><c>pending</c> while the series is still receiving instances, <c>ready</c> once it is quiet.</param>
/// <param name="ReadyVersion">The series' current ready version; findings with a lower one describe fewer instances.</param>
/// <param name="Findings">Empty while the series has not been analysed yet.</param>
public sealed record SeriesFindingsResponse(
    string SeriesInstanceUid,
    string Modality,
    string State,
    int ReadyVersion,
    int InstanceCount,
    IReadOnlyList<FindingsItem> Findings);
