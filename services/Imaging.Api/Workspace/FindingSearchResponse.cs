namespace Imaging.Api.Workspace;

/// <summary>Body of <c>GET /api/findings/search</c>: one page of matching findings and the total.</summary>
public sealed record FindingSearchResponse(IReadOnlyList<FindingSearchItem> Items, int Limit, int Offset, int Total);

/// <summary>One findings document that matched, with its patient and study.</summary>
public sealed record FindingSearchItem(
    string PatientId,
    string? PatientName,
    string StudyInstanceUid,
    string? StudyDate,
    string SeriesInstanceUid,
    string Analyzer,
    int? LesionCount,
    int? NewCount,
    IReadOnlyList<string> FlaggedLevels);
